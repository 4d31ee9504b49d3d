import { badRequest, invalidValue, notFound } from './api-error';
import { type Clock, isoAt } from './clock';
import { newId } from './ids';
import type { HistoricalImport, OrgState } from './org-state';

/**
 * WFM historical data import: upload URL → PUT the CSV → validate → import status. The simulator checks the file
 * when `validate` is called and keeps the job `InProgress` for the configured processing time (Genesys takes up
 * to a day; the sandbox default is none) before it settles as `Success` or `Failed`. One import is active per org:
 * a newer import cancels one still in progress, and a successful one replaces the active one [INF: "a new file
 * replaces the old"; the help pages do not say what happens to an import still in progress].
 */
type Json = Record<string, unknown>;
const isRecord = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
export const CSV_COLUMNS = [
  'Interval Start UTC Date',
  'Queue',
  'Media Type',
  'Skill Set',
  'Language',
  'Offered',
  'Interactions Handled',
  'Total Handle Time (Seconds)',
] as const;
const REQUIRED_COLUMNS = CSV_COLUMNS.filter((c) => c !== 'Skill Set' && c !== 'Language');
const MEDIA_TYPES = ['voice', 'chat', 'email', 'callback', 'message'];
const FILE_NAME_FORBIDDEN = /[\s{^}%`\]">/:[~<#|\\]/;
const INTERVAL = /^\d{4}-\d{2}-\d{2}T\d{2}:(00|15|30|45):00(\.000)?Z$/;
const IMPORT_STATUS = '/api/v2/workforcemanagement/historicaldata/importstatus';

export function createUploadUrl(org: OrgState, clock: Clock, body: unknown, baseUrl: string): Json {
  if (!isRecord(body) || typeof body['fileName'] !== 'string' || body['fileName'] === '') {
    throw badRequest('fileName is required');
  }
  const fileName = body['fileName'];
  if (fileName.startsWith('.') || FILE_NAME_FORBIDDEN.test(fileName)) {
    throw invalidValue('fileName must not start with a dot or contain whitespace or special characters');
  }
  const timeout = body['signedUrlTimeoutSeconds'] ?? 600;
  if (typeof timeout !== 'number' || !Number.isInteger(timeout) || timeout < 1 || timeout > 604800) {
    throw invalidValue('signedUrlTimeoutSeconds must be an integer from 1 to 604800');
  }
  const uploadKey = `historicaldata/${org.homeDivision.id}/${newId()}/${fileName}`;
  org.uploads.set(uploadKey, {
    uploadKey,
    fileName,
    createdAt: isoAt(clock),
    expiresAt: clock.now() + timeout * 1000,
  });
  const headers: Record<string, string> = {
    'Content-Type': typeof body['contentType'] === 'string' ? body['contentType'] : 'text/csv',
  };
  if (typeof body['contentMd5'] === 'string') headers['Content-MD5'] = body['contentMd5'];
  if (body['serverSideEncryption'] === 'AES256') headers['x-amz-server-side-encryption'] = 'AES256';
  return { url: `${baseUrl}/sim/uploads/${encodeURIComponent(uploadKey)}`, uploadKey, headers };
}

/** The presigned PUT: stores the file if the key is known and not expired (S3 answers 403 otherwise). */
export function storeUpload(org: OrgState, clock: Clock, uploadKey: string, csv: string): boolean {
  const upload = org.uploads.get(uploadKey);
  if (!upload || upload.expiresAt < clock.now()) return false;
  upload.csv = csv;
  return true;
}

/** Splits one CSV line, honouring double quotes. */
function splitCsvLine(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i += 1) {
    const c = line.charAt(i);
    if (quoted) {
      if (c === '"' && line.charAt(i + 1) === '"') {
        cell += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      cells.push(cell);
      cell = '';
    } else cell += c;
  }
  cells.push(cell);
  return cells.map((value) => value.trim());
}

export interface CsvCheck {
  readonly errors: string[];
  readonly queueMedia: string[];
  readonly rows: number;
}

/** The CSV rules of "Prepare the historical data import CSV file", against the org's queues, skills, languages. */
export function checkHistoricalCsv(org: OrgState, csv: string): CsvCheck {
  const lines = csv
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '');
  const errors: string[] = [];
  const header = splitCsvLine(lines[0] ?? '');
  for (const column of REQUIRED_COLUMNS)
    if (!header.includes(column)) errors.push(`Missing column '${column}'`);
  if (errors.length > 0) return { errors, queueMedia: [], rows: 0 };
  const index = (column: string) => header.indexOf(column);
  const queueNames = new Set([...org.queues.values()].map((q) => q.name));
  const skillNames = new Set([...org.skills.values()].filter((s) => s.state === 'active').map((s) => s.name));
  const languageNames = new Set(
    [...org.languages.values()].filter((l) => l.state === 'active').map((l) => l.name),
  );
  const queueMedia = new Set<string>();
  const rowKeys = new Map<string, number>();
  lines.slice(1).forEach((line, i) => {
    const row = i + 2;
    const cells = splitCsvLine(line);
    const cell = (column: string) => cells[index(column)] ?? '';
    const interval = cell('Interval Start UTC Date');
    if (!INTERVAL.test(interval) || Number.isNaN(Date.parse(interval))) {
      errors.push(
        `Row ${row}: 'Interval Start UTC Date' must be a UTC 15-minute boundary (YYYY-MM-DDThh:mm:00Z)`,
      );
    }
    const queue = cell('Queue');
    if (!queueNames.has(queue)) errors.push(`Row ${row}: queue '${queue}' does not exist`);
    const media = cell('Media Type');
    if (!MEDIA_TYPES.includes(media))
      errors.push(`Row ${row}: 'Media Type' must be one of ${MEDIA_TYPES.join(', ')}`);
    queueMedia.add(`${queue}|${media}`);
    const skillSet = index('Skill Set') >= 0 ? cell('Skill Set') : '';
    const language = index('Language') >= 0 ? cell('Language') : '';
    // One row per interval of a queue × media (× skill set × language): a second one would be a second truth.
    const rowKey = JSON.stringify([interval, queue, media, skillSet, language]);
    const first = rowKeys.get(rowKey);
    if (first === undefined) rowKeys.set(rowKey, row);
    else errors.push(`Row ${row}: the same interval, queue and media type as row ${first}`);
    for (const skill of skillSet === '' ? [] : skillSet.split('|||')) {
      if (!skillNames.has(skill)) errors.push(`Row ${row}: skill '${skill}' does not exist`);
    }
    if (language !== '' && !languageNames.has(language))
      errors.push(`Row ${row}: language '${language}' does not exist`);
    for (const column of ['Offered', 'Interactions Handled', 'Total Handle Time (Seconds)']) {
      const value = cell(column);
      // "Numeric fields must be positive numbers": zero is allowed for an interval without traffic [INF].
      if (value === '' || !/^\d+(\.\d+)?$/.test(value))
        errors.push(`Row ${row}: '${column}' must be a positive number`);
    }
  });
  if (lines.length < 2) errors.push('The file has no data rows');
  return { errors, queueMedia: [...queueMedia], rows: Math.max(0, lines.length - 1) };
}

export function importView(job: HistoricalImport): Json {
  const {
    queueMedia: _queueMedia,
    rows: _rows,
    csv: _csv,
    verdict: _verdict,
    settleAt: _settleAt,
    ...view
  } = job;
  return view;
}

const inProgress = (job: HistoricalImport) => job.status === 'InProgress';

/** Publishes the verdict of every import whose processing time is over; the newest success becomes active. */
export function settleImports(org: OrgState, clock: Clock): void {
  const now = clock.now();
  for (const job of org.imports) {
    if (!inProgress(job) || job.settleAt > now) continue;
    job.status = job.verdict.status;
    if (job.verdict.error !== undefined) job.error = job.verdict.error;
    job.dateModified = new Date(job.settleAt).toISOString();
    if (job.status === 'Success') {
      for (const previous of org.imports) {
        if (previous.active) {
          previous.active = false;
          previous.dateModified = job.dateModified;
        }
      }
      job.active = true;
    }
  }
}

export function validateImport(org: OrgState, clock: Clock, body: unknown, processingMs = 0): Json {
  if (
    !isRecord(body) ||
    typeof body['uploadKey'] !== 'string' ||
    typeof body['dateImportEnded'] !== 'string'
  ) {
    throw badRequest('uploadKey and dateImportEnded are required');
  }
  const ended = Date.parse(body['dateImportEnded']);
  if (Number.isNaN(ended)) throw invalidValue('dateImportEnded must be an ISO-8601 date-time');
  if (ended > clock.now()) throw invalidValue('dateImportEnded cannot be in the future');
  const upload = org.uploads.get(body['uploadKey']);
  if (!upload) throw notFound('Upload', body['uploadKey']);
  if (upload.csv === undefined) throw badRequest(`Nothing was uploaded for ${upload.uploadKey}`);
  const now = isoAt(clock);
  settleImports(org, clock);
  for (const older of org.imports.filter(inProgress)) {
    older.status = 'Cancelled';
    older.dateModified = now;
  }
  const check = checkHistoricalCsv(org, upload.csv);
  const job: HistoricalImport = {
    requestId: newId(),
    dateImportEnded: new Date(ended).toISOString(),
    dateImportStarted: now,
    status: 'InProgress',
    dateCreated: now,
    dateModified: now,
    active: false,
    type: 'Csv',
    fileName: upload.fileName,
    fileSize: Buffer.byteLength(upload.csv),
    queueMedia: check.queueMedia,
    rows: check.rows,
    csv: upload.csv,
    verdict:
      check.errors.length === 0
        ? { status: 'Success' }
        : { status: 'Failed', error: check.errors.slice(0, 20).join('; ') },
    settleAt: clock.now() + processingMs,
  };
  org.imports.push(job);
  settleImports(org, clock);
  return { id: job.requestId, selfUri: `${IMPORT_STATUS}/${job.requestId}` };
}

export function listImports(org: OrgState, clock: Clock): Json {
  settleImports(org, clock);
  return { entities: org.imports.map(importView) };
}

export function getImport(org: OrgState, clock: Clock, jobId: string): Json {
  settleImports(org, clock);
  const job = org.imports.find((j) => j.requestId === jobId);
  if (!job) throw notFound('Import', jobId);
  return { id: job.requestId, importStatusResult: importView(job), selfUri: `${IMPORT_STATUS}/${jobId}` };
}

/** The sandbox's view of every import, with the file it received (`GET /sim/wfm`). */
export function importsWithFiles(org: OrgState, clock: Clock): Json[] {
  settleImports(org, clock);
  return org.imports.map((job) => ({ ...importView(job), rows: job.rows, csv: job.csv }));
}

export function removeImports(org: OrgState, body: unknown): Json {
  if (
    !isRecord(body) ||
    !Array.isArray(body['requestIds']) ||
    !body['requestIds'].every((i) => typeof i === 'string')
  ) {
    throw badRequest('requestIds is required');
  }
  const ids: string[] = body['requestIds'];
  if (ids.length === 0 || ids.length > 100) throw badRequest('requestIds must hold 1 to 100 ids');
  const entities: Json[] = [];
  const disallowedEntities: Json[] = [];
  for (const requestId of ids) {
    const job = org.imports.find((j) => j.requestId === requestId);
    if (!job) disallowedEntities.push({ requestId, reason: 'RequestIdNotFound' });
    else {
      job.status = 'Purged';
      job.active = false;
      entities.push({ requestId, status: 'Success' });
    }
  }
  const id = newId();
  org.deleteJobs.set(id, { id, requestIds: ids });
  return {
    id,
    state: 'Complete',
    entities,
    disallowedEntities,
    selfUri: `/api/v2/workforcemanagement/historicaldata/bulk/remove/jobs/${id}`,
  };
}

export function getRemoveJob(org: OrgState, jobId: string): Json {
  const job = org.deleteJobs.get(jobId);
  if (!job) throw notFound('Delete job', jobId);
  return {
    id: job.id,
    state: 'Complete',
    entities: job.requestIds.map((requestId) => ({ requestId, status: 'Success' })),
    disallowedEntities: [],
    selfUri: `/api/v2/workforcemanagement/historicaldata/bulk/remove/jobs/${job.id}`,
  };
}

export function listRemoveJobs(org: OrgState): Json {
  return {
    entities: [...org.deleteJobs.values()].map((j) => ({
      id: j.id,
      state: 'Complete',
      selfUri: `/api/v2/workforcemanagement/historicaldata/bulk/remove/jobs/${j.id}`,
    })),
    status: 'Complete',
  };
}

import { newOrg } from './org-state';
import { createLanguage, createQueue, createSkill } from './routing';
import { scaledClock } from './clock';
import {
  checkHistoricalCsv,
  createUploadUrl,
  getImport,
  importsWithFiles,
  storeUpload,
  validateImport,
} from './wfm';

const clock = scaledClock(1);
const org = newOrg('test');
createQueue(org, clock, { name: 'Support' });
createSkill(org, clock, { name: 'Billing' });
createSkill(org, clock, { name: 'VIP' });
createLanguage(org, clock, { name: 'French' });
const header =
  'Interval Start UTC Date,Queue,Media Type,Skill Set,Language,Offered,Interactions Handled,Total Handle Time (Seconds)';

describe('checkHistoricalCsv', () => {
  it('accepts 15-minute UTC intervals for existing queues, skills and languages', () => {
    const csv = `${header}\n2026-01-05T09:15:00Z,Support,voice,Billing|||VIP,French,10,9,1800\n2026-01-05T09:30:00.000Z,Support,chat,,,0,0,0\n`;
    expect(checkHistoricalCsv(org, csv)).toEqual({
      errors: [],
      queueMedia: ['Support|voice', 'Support|chat'],
      rows: 2,
    });
  });

  it('reports every broken rule with its row', () => {
    const csv = `${header}\n2026-01-05T09:10:00Z,Nope,fax,Gold,Klingon,-1,x,1\n`;
    const { errors } = checkHistoricalCsv(org, csv);
    expect(errors).toEqual([
      expect.stringContaining("Row 2: 'Interval Start UTC Date'"),
      "Row 2: queue 'Nope' does not exist",
      expect.stringContaining("Row 2: 'Media Type'"),
      "Row 2: skill 'Gold' does not exist",
      "Row 2: language 'Klingon' does not exist",
      "Row 2: 'Offered' must be a positive number",
      "Row 2: 'Interactions Handled' must be a positive number",
    ]);
  });

  it('refuses a second row for the same interval, queue and media type', () => {
    const row = '2026-01-05T09:15:00Z,Support,voice,,,1,1,60';
    const csv = `${header}\n${row}\n2026-01-05T09:15:00Z,Support,chat,,,1,1,60\n${row}\n`;
    expect(checkHistoricalCsv(org, csv).errors).toEqual([
      'Row 4: the same interval, queue and media type as row 2',
    ]);
  });

  it('requires the documented columns', () => {
    expect(checkHistoricalCsv(org, 'Queue,Offered\nSupport,1').errors).toContain(
      "Missing column 'Interval Start UTC Date'",
    );
  });
});

describe('the import flow', () => {
  const importCsv = (csv: string, fileName = 'history.csv', processingMs = 0) => {
    const upload = createUploadUrl(org, clock, { fileName }, 'http://sim') as { uploadKey: string };
    expect(storeUpload(org, clock, upload.uploadKey, csv)).toBe(true);
    const job = validateImport(
      org,
      clock,
      { uploadKey: upload.uploadKey, dateImportEnded: '2026-01-06T00:00:00Z' },
      processingMs,
    );
    return String(job['id']);
  };
  const statusOf = (id: string) =>
    getImport(org, clock, id)['importStatusResult'] as { status: string; active: boolean; error?: string };
  const good = `${header}\n2026-01-05T09:15:00Z,Support,voice,,,1,1,60\n`;

  it('keeps one active import: a new successful one replaces the old', () => {
    const first = importCsv(good);
    const second = importCsv(good);
    expect(statusOf(first)).toEqual(expect.objectContaining({ status: 'Success', active: false }));
    expect(statusOf(second)).toEqual(expect.objectContaining({ status: 'Success', active: true }));
  });

  it('fails a bad file without touching the active import', () => {
    const active = importCsv(good);
    const failed = importCsv(`${header}\n2026-01-05T09:16:00Z,Support,voice,,,1,1,60\n`);
    expect(getImport(org, clock, failed)['importStatusResult']).toEqual(
      expect.objectContaining({ status: 'Failed', active: false }),
    );
    expect(getImport(org, clock, active)['importStatusResult']).toEqual(
      expect.objectContaining({ active: true }),
    );
  });

  it('keeps an import in progress for the processing time, and a newer one cancels it', () => {
    const active = importCsv(good);
    const slow = importCsv(good, 'slow.csv', 60_000);
    expect(statusOf(slow)).toEqual(expect.objectContaining({ status: 'InProgress', active: false }));
    expect(statusOf(active).active).toBe(true);
    const newer = importCsv(good, 'newer.csv');
    expect(statusOf(slow).status).toBe('Cancelled');
    expect(statusOf(newer)).toEqual(expect.objectContaining({ status: 'Success', active: true }));
    expect(statusOf(active).active).toBe(false);
  });

  it('reports the reasons of a failed import in its status and keeps the file it received', () => {
    const csv = `${header}\n2026-01-05T09:15:00Z,Nowhere,voice,,,1,1,60\n`;
    const failed = importCsv(csv);
    expect(statusOf(failed)).toEqual(
      expect.objectContaining({ status: 'Failed', error: "Row 2: queue 'Nowhere' does not exist" }),
    );
    expect(importsWithFiles(org, clock).find((job) => job['requestId'] === failed)).toEqual(
      expect.objectContaining({ csv, rows: 1 }),
    );
  });

  it('refuses file names with whitespace or special characters, and unknown upload keys', () => {
    expect(() => createUploadUrl(org, clock, { fileName: 'my file.csv' }, 'http://sim')).toThrow(/fileName/);
    expect(() => createUploadUrl(org, clock, { fileName: '.hidden' }, 'http://sim')).toThrow(/fileName/);
    expect(storeUpload(org, clock, 'nope', good)).toBe(false);
  });

  it('refuses an end date in the future', () => {
    const upload = createUploadUrl(org, clock, { fileName: 'h.csv' }, 'http://sim') as { uploadKey: string };
    storeUpload(org, clock, upload.uploadKey, good);
    expect(() =>
      validateImport(org, clock, { uploadKey: upload.uploadKey, dateImportEnded: '2999-01-01T00:00:00Z' }),
    ).toThrow(/future/);
  });
});

import type { Omissions, UploadJobStatus, UploadWindow } from '@bridge/interval-aggregation';
import { quoteIdentifier } from '@bridge/postgres';
import type { DataSource } from 'typeorm';

export type JobTrigger = 'daily' | 'operator';

/** One entry of a job's history: what happened, when. */
export interface JobHistoryEntry {
  readonly at: string;
  readonly status: UploadJobStatus;
  readonly note: string;
}

/** One upload job as recorded (the job history operators read). */
export interface UploadJob {
  readonly id: number;
  readonly trigger: JobTrigger;
  readonly window: UploadWindow;
  readonly status: UploadJobStatus;
  readonly fileName: string;
  readonly fileSize?: number;
  readonly md5?: string;
  readonly rowCount?: number;
  readonly omitted?: OmittedSummary;
  readonly lateChangesBuilt?: number;
  readonly uploadKey?: string;
  readonly uploadUrl?: string;
  readonly uploadHeaders?: Readonly<Record<string, string>>;
  readonly requestId?: string;
  readonly polls: number;
  readonly attempts: number;
  readonly notBefore: Date;
  readonly error?: string;
  readonly history: readonly JobHistoryEntry[];
  readonly createdAt: Date;
  readonly finishedAt?: Date;
}

/** What the file left out because Genesys Cloud lacks it (CIC keys). */
export interface OmittedSummary {
  readonly workgroups: Record<string, number>;
  readonly skills: string[];
  readonly languages: string[];
}

export function omittedSummary(omissions: Omissions): OmittedSummary {
  return {
    workgroups: Object.fromEntries(omissions.workgroups),
    skills: [...omissions.skills].sort(),
    languages: [...omissions.languages].sort(),
  };
}

/** The facts a step adds to its job. */
export type StepFacts = Partial<
  Pick<
    UploadJob,
    | 'fileSize'
    | 'md5'
    | 'rowCount'
    | 'omitted'
    | 'lateChangesBuilt'
    | 'uploadKey'
    | 'uploadUrl'
    | 'uploadHeaders'
    | 'requestId'
    | 'polls'
    | 'error'
  >
>;

interface JobRow {
  id: string;
  trigger: JobTrigger;
  window_start: string;
  window_end: string;
  status: UploadJobStatus;
  file_name: string;
  file_size: string | null;
  md5: string | null;
  row_count: number | null;
  omitted: OmittedSummary | null;
  late_changes_built: string | null;
  upload_key: string | null;
  upload_url: string | null;
  upload_headers: Record<string, string> | null;
  request_id: string | null;
  polls: number;
  attempts: number;
  not_before: Date;
  error: string | null;
  history: JobHistoryEntry[];
  created_at: Date;
  finished_at: Date | null;
}

const optional = <T, R>(value: T | null, map: (v: T) => R): R | undefined =>
  value === null ? undefined : map(value);
const same = <T>(v: T) => v;

function toJob(row: JobRow): UploadJob {
  return {
    id: Number(row.id),
    trigger: row.trigger,
    window: { start: Number(row.window_start), end: Number(row.window_end) },
    status: row.status,
    fileName: row.file_name,
    fileSize: optional(row.file_size, Number),
    md5: optional(row.md5, same),
    rowCount: optional(row.row_count, same),
    omitted: optional(row.omitted, same),
    lateChangesBuilt: optional(row.late_changes_built, Number),
    uploadKey: optional(row.upload_key, same),
    uploadUrl: optional(row.upload_url, same),
    uploadHeaders: optional(row.upload_headers, same),
    requestId: optional(row.request_id, same),
    polls: row.polls,
    attempts: row.attempts,
    notBefore: row.not_before,
    error: optional(row.error, same),
    history: row.history,
    createdAt: row.created_at,
    finishedAt: optional(row.finished_at, same),
  };
}

const ENDED = `('succeeded', 'failed')`;
const historyEntry = (status: UploadJobStatus, note: string) =>
  JSON.stringify([{ at: new Date().toISOString(), status, note }]);

/**
 * The job table: every job with its window, file, request id, status, errors and history. A partial unique index
 * keeps at most one job not ended, so two instances (or a restart) can never start a second import beside it;
 * each step moves a job only from the status it read (compare and set).
 */
export class UploadJobs {
  private readonly jobs: string;
  private readonly projection: string;

  constructor(
    private readonly db: DataSource,
    schema: string,
  ) {
    this.jobs = `${quoteIdentifier(schema)}.historical_upload_jobs`;
    this.projection = `${quoteIdentifier(schema)}.historical_upload_projection`;
  }

  async inFlight(): Promise<UploadJob | undefined> {
    const rows = await this.db.query<JobRow[]>(`SELECT * FROM ${this.jobs} WHERE status NOT IN ${ENDED}`);
    return rows[0] && toJob(rows[0]);
  }

  async lastSucceeded(): Promise<UploadJob | undefined> {
    const rows = await this.db.query<JobRow[]>(
      `SELECT * FROM ${this.jobs} WHERE status = 'succeeded' ORDER BY finished_at DESC, id DESC LIMIT 1`,
    );
    return rows[0] && toJob(rows[0]);
  }

  async get(id: number): Promise<UploadJob | undefined> {
    const rows = await this.db.query<JobRow[]>(`SELECT * FROM ${this.jobs} WHERE id = $1`, [id]);
    return rows[0] && toJob(rows[0]);
  }

  /** The newest jobs first. */
  async list(limit: number): Promise<UploadJob[]> {
    const rows = await this.db.query<JobRow[]>(`SELECT * FROM ${this.jobs} ORDER BY id DESC LIMIT $1`, [
      limit,
    ]);
    return rows.map(toJob);
  }

  /** Starts a job, unless one is in flight (then undefined). */
  async start(
    trigger: JobTrigger,
    window: UploadWindow,
    fileNameOf: (id: number) => string,
  ): Promise<UploadJob | undefined> {
    return this.db.transaction(async (tx) => {
      const [{ id } = { id: '0' }] = await tx.query<{ id: string }[]>(
        `SELECT nextval(pg_get_serial_sequence('${this.jobs}', 'id')) AS id`,
      );
      const rows = await tx.query<JobRow[]>(
        `INSERT INTO ${this.jobs} (id, trigger, window_start, window_end, status, file_name, history)
         VALUES ($1, $2, $3, $4, 'building', $5, $6::jsonb)
         ON CONFLICT DO NOTHING RETURNING *`,
        [
          id,
          trigger,
          window.start,
          window.end,
          fileNameOf(Number(id)),
          historyEntry('building', `${trigger} run`),
        ],
      );
      return rows[0] && toJob(rows[0]);
    });
  }

  /**
   * Moves a job from the status it was read in to the next, with the step's facts and a history line; false when
   * it was no longer in that status. An ended job gets its finish time.
   */
  async advance(job: UploadJob, status: UploadJobStatus, facts: StepFacts, note: string): Promise<boolean> {
    const rows = await this.db.query<unknown[]>(
      `UPDATE ${this.jobs} SET
         status = $3,
         file_size = COALESCE($4, file_size), md5 = COALESCE($5, md5), row_count = COALESCE($6, row_count),
         omitted = COALESCE($7::jsonb, omitted), late_changes_built = COALESCE($8, late_changes_built),
         upload_key = COALESCE($9, upload_key), upload_url = COALESCE($10, upload_url),
         upload_headers = COALESCE($11::jsonb, upload_headers), request_id = COALESCE($12, request_id),
         polls = COALESCE($13, polls), error = COALESCE($14, error),
         attempts = 0, not_before = now(), updated_at = now(),
         finished_at = CASE WHEN $3 IN ${ENDED} THEN now() END,
         history = history || $15::jsonb
       WHERE id = $1 AND status = $2 RETURNING id`,
      [
        job.id,
        job.status,
        status,
        facts.fileSize ?? null,
        facts.md5 ?? null,
        facts.rowCount ?? null,
        facts.omitted ? JSON.stringify(facts.omitted) : null,
        facts.lateChangesBuilt ?? null,
        facts.uploadKey ?? null,
        facts.uploadUrl ?? null,
        facts.uploadHeaders ? JSON.stringify(facts.uploadHeaders) : null,
        facts.requestId ?? null,
        facts.polls ?? null,
        facts.error ?? null,
        historyEntry(status, note),
      ],
    );
    return rows.length > 0;
  }

  /** A step failed for a passing reason: try it again after `delayMs`, the reason in the history. */
  async retryLater(job: UploadJob, error: string, delayMs: number): Promise<void> {
    await this.db.query(
      `UPDATE ${this.jobs} SET attempts = attempts + 1, error = $3, updated_at = now(),
         not_before = now() + make_interval(secs => $4::double precision / 1000),
         history = history || $5::jsonb
       WHERE id = $1 AND status = $2`,
      [job.id, job.status, error, delayMs, historyEntry(job.status, `retry: ${error}`)],
    );
  }

  /** A history line that moves nothing (what an instance found when it took the job up). */
  async note(job: UploadJob, note: string): Promise<void> {
    await this.db.query(
      `UPDATE ${this.jobs} SET history = history || $3::jsonb, updated_at = now() WHERE id = $1 AND status = $2`,
      [job.id, job.status, historyEntry(job.status, note)],
    );
  }

  /** Waits before the next poll, without counting it as a failure. */
  async pollLater(job: UploadJob, delayMs: number): Promise<void> {
    await this.db.query(
      `UPDATE ${this.jobs} SET polls = polls + 1, updated_at = now(),
         not_before = now() + make_interval(secs => $3::double precision / 1000)
       WHERE id = $1 AND status = $2`,
      [job.id, job.status, delayMs],
    );
  }

  /** When the daily run last started a job (or was last considered), if ever. */
  async lastDailyRun(): Promise<Date | undefined> {
    const [row] = await this.db.query<{ last_daily_run: Date | null }[]>(
      `SELECT last_daily_run FROM ${this.projection}`,
    );
    return row?.last_daily_run ?? undefined;
  }

  async markDailyRun(at: Date): Promise<void> {
    await this.db.query(`UPDATE ${this.projection} SET last_daily_run = $1`, [at]);
  }
}

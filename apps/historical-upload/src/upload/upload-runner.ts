import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { GenesysFailure, readAllPages, type GenesysClient } from '@bridge/genesys-client';
import {
  importOutcome,
  nextDailyRunAt,
  nextUploadStep,
  planRun,
  uploadFileName,
  uploadWindowAt,
  type GenesysNames,
  pollDelayMs,
  type PollSettings,
  type RunDecision,
  type UploadStep,
} from '@bridge/interval-aggregation';
import { inCausedSpan, traceAttributes } from '@bridge/telemetry';
import type { DataSource } from 'typeorm';
import type { GenesysNamesStore } from '../persistence/genesys-names';
import type { IntervalProjectionStore } from '../persistence/interval-projection-store';
import { omittedSummary, type JobTrigger, type UploadJob, type UploadJobs } from '../persistence/upload-jobs';
import { writeCsvFile } from './csv-file';
import { putFile, UploadUrlRefused } from './presigned-put';

export interface UploadRunnerOptions {
  readonly historyDays: number;
  /** `HH:MM` UTC, or undefined for no daily run. */
  readonly dailyAt: string | undefined;
  readonly poll: PollSettings;
  readonly retryMs: number;
  readonly directory: string;
  readonly tickMs: number;
  readonly putTimeoutMs: number;
  /** How long a Genesys request may take (GC_TIMEOUT_MS): a request older than that is answered or lost. */
  readonly requestTimeoutMs: number;
  /** Names the lock that lets one instance at a time step the job. */
  readonly lockName: string;
}

export interface RunnerLog {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
}

export interface UploadRunnerPorts {
  readonly db: DataSource;
  readonly jobs: UploadJobs;
  readonly projection: IntervalProjectionStore;
  readonly names: GenesysNamesStore;
  readonly genesys: GenesysClient;
}

/** What a run request came to: a job started, or why not (with the job in flight, if that is why). */
export type RunAnswer =
  | { readonly started: true; readonly job: UploadJob }
  | { readonly started: false; readonly reason: 'inFlight' | 'upToDate'; readonly job?: UploadJob };

/**
 * Runs the upload jobs: starts one when the daily run is due or an operator asks (`planRun`), and steps the job
 * in flight (`nextUploadStep`), recording each step before the next, so a restart resumes the
 * job where it was. One instance at a time steps a job (a Postgres advisory lock per tick).
 */
export class UploadRunner {
  private timer: NodeJS.Timeout | undefined;
  private ticking: Promise<void> | undefined;
  /** Jobs this instance started or has taken up; any other in flight was left by a restart or another instance. */
  private readonly known = new Set<number>();

  constructor(
    private readonly ports: UploadRunnerPorts,
    private readonly options: UploadRunnerOptions,
    private readonly log: RunnerLog,
  ) {}

  start(): void {
    this.timer ??= setInterval(() => {
      this.ticking ??= this.tick()
        .catch((error: unknown) => this.log.warn({ err: describe(error) }, 'upload tick failed'))
        .finally(() => (this.ticking = undefined));
    }, this.options.tickMs);
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.ticking;
  }

  /** An operator's run-now: a job for the current window, unless one is in flight or it is up to date. */
  async runNow(): Promise<RunAnswer> {
    return this.exclusively(async () => this.run('operator', new Date()));
  }

  /**
   * One tick: the daily run if due, then the steps of the job in flight whose time has come, one after the other
   * until the job waits (for Genesys, a retry or a poll) or ends.
   */
  async tick(): Promise<void> {
    await this.exclusively(async () => {
      await this.dailyRunIfDue(new Date());
      for (let steps = 0; steps < MAX_STEPS_PER_TICK; steps++) {
        const job = await this.ports.jobs.inFlight();
        if (!job) return;
        if (!this.known.has(job.id)) await this.takeUp(job);
        if (job.notBefore.getTime() > Date.now()) return;
        // A tick with nothing due makes no trace; a step taken is one.
        await inCausedSpan('upload step', [], { attributes: { [traceAttributes.uploadJob]: job.id } }, () =>
          this.step(job),
        );
      }
    });
  }

  private async exclusively<T>(work: () => Promise<T>): Promise<T> {
    const runner = this.ports.db.createQueryRunner();
    await runner.connect();
    try {
      // Waits for another instance's step to end, so a run-now never races a tick.
      await runner.query('SELECT pg_advisory_lock(hashtext($1))', [this.options.lockName]);
      try {
        return await work();
      } finally {
        await runner.query('SELECT pg_advisory_unlock(hashtext($1))', [this.options.lockName]);
      }
    } finally {
      await runner.release();
    }
  }

  private async dailyRunIfDue(now: Date): Promise<void> {
    if (this.options.dailyAt === undefined) return;
    const last = await this.ports.jobs.lastDailyRun();
    if (last === undefined) {
      // First start: the first daily run is the next one at the configured time.
      await this.ports.jobs.markDailyRun(now);
      return;
    }
    if (nextDailyRunAt(last.getTime(), this.options.dailyAt) > now.getTime()) return;
    await this.ports.jobs.markDailyRun(now);
    const answer = await this.run('daily', now);
    this.log.info(
      answer.started ? { job: answer.job.id } : { reason: answer.reason },
      answer.started ? 'daily run started a job' : 'daily run started no job',
    );
  }

  private async run(trigger: JobTrigger, now: Date): Promise<RunAnswer> {
    const inFlight = await this.ports.jobs.inFlight();
    const lastSucceeded = await this.ports.jobs.lastSucceeded();
    const { lateChanges } = await this.ports.projection.state();
    const window = uploadWindowAt(now.getTime(), this.options.historyDays);
    const decision: RunDecision = planRun({
      window,
      inFlight: inFlight !== undefined,
      ...(lastSucceeded ? { lastSucceeded: lastSucceeded.window } : {}),
      dirty: lastSucceeded !== undefined && lateChanges > (lastSucceeded.lateChangesBuilt ?? 0),
    });
    if (!decision.start)
      return { started: false, reason: decision.reason, ...(inFlight ? { job: inFlight } : {}) };
    const job = await this.ports.jobs.start(trigger, decision.window, (id) =>
      uploadFileName(decision.window, id),
    );
    if (!job) return { started: false, reason: 'inFlight' };
    this.known.add(job.id);
    return { started: true, job };
  }

  /** The job history says where a job was when this instance found it in flight. */
  private async takeUp(job: UploadJob): Promise<void> {
    this.known.add(job.id);
    await this.ports.jobs.note(job, `resumed while ${job.status} (a restart, or another instance's)`);
    this.log.info({ job: job.id, status: job.status }, 'upload job resumed');
  }

  private filePath(job: UploadJob): string {
    return join(this.options.directory, job.fileName);
  }

  /** One step of the job; once it has ended, its file goes. */
  private async step(job: UploadJob): Promise<void> {
    await this.attempt(job, nextUploadStep(job, existsSync(this.filePath(job))));
    const after = await this.ports.jobs.get(job.id);
    if (after?.status === 'succeeded' || after?.status === 'failed')
      await rm(this.filePath(job), { force: true });
  }

  /** A failure Genesys will repeat fails the job; any other is tried again later. */
  private async attempt(job: UploadJob, next: UploadStep): Promise<void> {
    try {
      switch (next.kind) {
        case 'build':
          return await this.build(job);
        case 'requestUploadUrl':
          return await this.requestUploadUrl(job);
        case 'putFile':
          return await this.putFile(job);
        case 'validate':
          return await this.validate(job);
        case 'findImport':
          return await this.findImport(job);
        case 'pollImport':
          return await this.poll(job);
        case 'none':
          return;
      }
    } catch (error) {
      if (error instanceof GenesysFailure && error.kind === 'rejected') {
        await this.ports.jobs.advance(
          job,
          'failed',
          { error: describe(error) },
          `Genesys refused ${next.kind}`,
        );
        this.log.warn({ job: job.id, step: next.kind, err: describe(error) }, 'upload job failed');
        return;
      }
      const delay = pollDelayMs(job.attempts, {
        firstMs: this.options.retryMs,
        maxMs: this.options.poll.maxMs,
      });
      await this.ports.jobs.retryLater(job, describe(error), delay);
      this.log.warn(
        { job: job.id, step: next.kind, err: describe(error), retryInMs: delay },
        'upload step failed',
      );
    }
  }

  private async build(job: UploadJob): Promise<void> {
    const names = await this.genesysNames();
    // From here, a change to the window's intervals counts as late data (it may or may not be in this file).
    const lateChangesBuilt = await this.ports.projection.building(job.window);
    const built = await writeCsvFile(this.ports.projection.rows(job.window), names, this.filePath(job));
    await this.ports.jobs.advance(
      job,
      'built',
      {
        fileSize: built.size,
        md5: built.md5,
        rowCount: built.rows,
        omitted: omittedSummary(built.omissions),
        lateChangesBuilt,
      },
      `${built.rows} rows, ${built.size} bytes` +
        (built.omissions.workgroups.size > 0
          ? `; left out ${built.omissions.workgroups.size} workgroups without a Genesys queue`
          : ''),
    );
  }

  /** Names of the CIC objects that have a Genesys name from object-mapping and exist in Genesys under it. */
  private async genesysNames(): Promise<GenesysNames> {
    const { genesys, names } = this.ports;
    const existing = async (list: (page: number) => ReturnType<GenesysClient['listQueues']>) =>
      new Set((await readAllPages(list)).map((o) => o.name));
    const [queues, skills, languages] = await Promise.all([
      existing((page) => genesys.listQueues(page)),
      existing((page) => genesys.listNamed('skill', page)),
      existing((page) => genesys.listNamed('language', page)),
    ]);
    const [queueNames, skillNames, languageNames] = await Promise.all([
      names.all('queue'),
      names.all('skill'),
      names.all('language'),
    ]);
    const lookup = (byKey: Map<string, string>, exists: Set<string>) => (key: string) => {
      const name = byKey.get(key);
      return name !== undefined && exists.has(name) ? name : undefined;
    };
    return {
      queue: lookup(queueNames, queues),
      skill: lookup(skillNames, skills),
      language: lookup(languageNames, languages),
    };
  }

  private async requestUploadUrl(job: UploadJob): Promise<void> {
    const upload = await this.ports.genesys.historicalDataUploadUrl(job.fileName, job.md5 ?? '');
    await this.ports.jobs.advance(
      job,
      'urlReceived',
      { uploadKey: upload.uploadKey, uploadUrl: upload.url, uploadHeaders: upload.headers },
      `upload key ${upload.uploadKey}`,
    );
  }

  private async putFile(job: UploadJob): Promise<void> {
    try {
      await putFile(
        job.uploadUrl ?? '',
        job.uploadHeaders ?? {},
        this.filePath(job),
        job.fileSize ?? 0,
        this.options.putTimeoutMs,
      );
    } catch (error) {
      if (!(error instanceof UploadUrlRefused)) throw error;
      await this.ports.jobs.advance(job, 'built', {}, `${error.message}: asking for a new upload URL`);
      return;
    }
    await this.ports.jobs.advance(job, 'uploaded', {}, 'file uploaded');
  }

  /** Records the intent first: if the answer is lost, the restarted job looks for its import before asking again. */
  private async validate(job: UploadJob): Promise<void> {
    if (!(await this.ports.jobs.advance(job, 'validating', {}, 'validate requested'))) return;
    const validating: UploadJob = { ...job, status: 'validating' };
    const requestId = await this.ports.genesys.validateHistoricalData(
      job.uploadKey ?? '',
      new Date(job.window.end).toISOString(),
    );
    await this.ports.jobs.advance(validating, 'importing', { requestId, polls: 0 }, `import ${requestId}`);
  }

  private async findImport(job: UploadJob): Promise<void> {
    const found = (await this.ports.genesys.historicalImports()).find((i) => i.fileName === job.fileName);
    // A validate request sent before a crash may still be on its way: wait it out before sending another.
    const sentAt = Date.parse(job.history.at(-1)?.at ?? '');
    const pendingMs = sentAt + this.options.requestTimeoutMs - Date.now();
    if (!found?.requestId && pendingMs > 0) {
      await this.ports.jobs.pollLater(job, pendingMs);
      return;
    }
    if (found?.requestId) {
      await this.ports.jobs.advance(
        job,
        'importing',
        { requestId: found.requestId, polls: 0 },
        `import ${found.requestId} found after a restart`,
      );
      return;
    }
    // The validate request never reached Genesys: ask again.
    await this.ports.jobs.advance(job, 'uploaded', {}, 'no import found for the file: validating again');
  }

  private async poll(job: UploadJob): Promise<void> {
    const status = await this.ports.genesys.historicalImport(job.requestId ?? '');
    if (!status) {
      await this.ports.jobs.advance(
        job,
        'failed',
        { error: 'the import is unknown to Genesys Cloud' },
        'lost',
      );
      return;
    }
    const outcome = importOutcome(status.status ?? '', status.error);
    if (!outcome.done) {
      await this.ports.jobs.pollLater(job, pollDelayMs(job.polls, this.options.poll));
      return;
    }
    if (outcome.succeeded)
      await this.ports.jobs.advance(job, 'succeeded', {}, `import ${job.requestId} succeeded`);
    else
      await this.ports.jobs.advance(
        job,
        'failed',
        { error: outcome.error },
        `import ${job.requestId} failed`,
      );
  }
}

/** More than a whole job's steps: a tick never spins on a step that leaves the job as it was. */
const MAX_STEPS_PER_TICK = 8;

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

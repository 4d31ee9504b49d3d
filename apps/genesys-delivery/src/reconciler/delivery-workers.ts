import {
  deliveryAttemptOf,
  type AttemptCall,
  type DeliveryAttempt,
  type DriftOfRecord,
  type TargetKind,
} from '@bridge/contracts';
import {
  retryPolicy,
  type DeliveryFailure,
  type IdMapEntry,
  type RecordStatus,
  type References,
  type RetrySettings,
  type TerminalStep,
} from '@bridge/delivery-planning';
import { GenesysFailure } from '@bridge/genesys-client';
import { contextFromCarrier, type EventPublisher } from '@bridge/messaging';
import {
  inCausedSpan,
  traceAttributes,
  traceCarrierOf,
  untraced,
  type TraceCarrier,
} from '@bridge/telemetry';
import type { ClaimedObject, DesiredObjects } from '../persistence/desired-objects';
import type { IdMap } from '../persistence/id-map';
import type { Presences } from '../persistence/presences';
import type { RecordStatuses, StatusOfRecord } from '../persistence/record-statuses';
import { keysByKind } from './keys-by-kind';
import { recordOutcome } from './record-outcome';
import { whileRenewing } from './lease-renewal';
import { WorkLoops } from './work-loops';
import type { Reconciler } from './reconciler';

/** The tables a worker's batch reads and writes besides what the reconciler does. */
export interface WorkerTables {
  readonly objects: Pick<DesiredObjects, 'claim' | 'renew' | 'release' | 'redirtyReferrers' | 'finish'>;
  readonly idMap: Pick<IdMap, 'entry' | 'save'>;
  readonly statuses: Pick<RecordStatuses, 'save'>;
  /** Presences waiting for a user or secondary status that became live are due again. */
  readonly presences: Pick<Presences, 'redirtyWaiting'>;
  /** Drift the audit found in these records, taken to be shown in their outcomes. */
  readonly drifts?: {
    take(records: readonly { kind: TargetKind; key: string }[]): Promise<Map<string, DriftOfRecord[]>>;
  };
}

export interface WorkerOptions {
  readonly workers: number;
  /** Objects a worker claims at once (they are reconciled one after another). */
  readonly batch: number;
  readonly pollMs: number;
  /**
   * How long a claimed object stays leased without renewal. A live worker renews it every third of this while it
   * works, so a slow reconcile keeps its lease and a crashed instance's leases lapse within this time.
   */
  readonly leaseMs: number;
  readonly retry: RetrySettings;
}

/** How an object not finished by its batch goes back: due again after `delayMs`, its attempts counted. */
interface Release {
  readonly delayMs: number;
  readonly attempts: number;
  readonly quarantined: boolean;
}

interface WorkerLogger {
  warn(fields: object, message: string): void;
}

/**
 * Workers that drain the dirty objects in dependency order, a batch of leased objects at a time each; the rate
 * budget they share lives in Postgres. The outcome of each record goes to the status table and, when it changed, to
 * DELIVERY.
 */
export class DeliveryWorkers {
  private readonly loops: WorkLoops;

  constructor(
    private readonly tables: WorkerTables,
    private readonly reconciler: Pick<Reconciler, 'references' | 'reconcile'>,
    private readonly publisher: Pick<EventPublisher, 'publish'>,
    private readonly options: WorkerOptions,
    private readonly logger: WorkerLogger,
    private readonly random: () => number = Math.random,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.loops = new WorkLoops(
      () => this.step(),
      { loops: options.workers, pollMs: options.pollMs },
      (error) => logger.warn({ err: error }, 'delivery worker step failed'),
    );
  }

  start(): void {
    this.loops.start();
  }

  stop(): Promise<void> {
    return this.loops.stop();
  }

  /**
   * New work is due (a desired document was stored): idle workers claim now instead of at their next poll, which
   * was most of a single change's way through delivery. Work stored by another instance waits for the poll.
   */
  wake(): void {
    this.loops.wake();
  }

  /**
   * Reconciles a batch of due objects, one after another; false when none was due. The claim, the references
   * read, the created objects' id map entries, the referrers' marks, the statuses and the finish are one
   * statement each for the whole batch: per object, those round trips to Postgres were most of the delivery's own
   * cost in a large initial sync.
   */
  async step(): Promise<boolean> {
    const { objects: desired } = this.tables;
    // Most claims find nothing: they make no trace. Each object found is reconciled in its change's trace.
    const objects = await untraced(() => desired.claim(this.options.leaseMs, this.options.batch));
    if (objects.length === 0) return false;
    await whileRenewing(
      this.options.leaseMs,
      () => desired.renew(objects, this.options.leaseMs),
      (error) => this.logger.warn({ err: error, objects: objects.length }, 'lease renewal failed'),
      () => this.reconcileBatch(objects),
    );
    return true;
  }

  /** A claimed batch, reconciled one object after another, then its writes: see `step`. */
  private async reconcileBatch(objects: readonly ClaimedObject[]): Promise<void> {
    const { objects: desired, idMap } = this.tables;
    const done: ClaimedObject[] = [];
    /** Objects that documents referring to them can now resolve. */
    const referable: ClaimedObject[] = [];
    const unsaved: IdMapEntry[] = [];
    const statuses: StatusOfRecord<TargetKind>[] = [];
    const releases: { object: ClaimedObject; release: Release }[] = [];
    const attempts = new Map<string, DeliveryAttempt>();
    /** The trace of each record's reconcile, which its outcome continues. */
    const traces = new Map<string, TraceCarrier>();
    const references = await this.reconciler.references(objects);
    for (const object of objects) {
      const calls: AttemptCall[] = [];
      const {
        finished,
        status,
        becameLive,
        unsaved: entry,
        release,
        trace,
      } = await this.reconcileTraced(object, references, calls);
      traces.set(`${object.kind}:${object.key}`, trace);
      if (calls.length > 0)
        attempts.set(`${object.kind}:${object.key}`, deliveryAttemptOf(object.attempts + 1, calls));
      if (entry) unsaved.push(entry);
      if (finished) done.push(object);
      if (release) releases.push({ object, release });
      // A recovered object's last attempt may have created it and died before this point.
      if (finished && object.desired.present && (becameLive || object.recovered)) referable.push(object);
      if (status) statuses.push({ kind: object.kind, key: object.key, status });
    }
    // All before the finish: should this instance die in between, the objects stay dirty and come back
    // recovered; and as the pool commits asynchronously (ADR 0005), a Postgres crash that loses the finish's
    // commit loses what came after it, never what came before.
    await idMap.save(unsaved);
    for (const [kind, keys] of keysByKind(referable)) {
      await desired.redirtyReferrers(kind, keys);
      if (kind === 'user' || kind === 'secondaryStatus')
        await this.tables.presences.redirtyWaiting(kind, keys);
    }
    await this.record(statuses, attempts, traces);
    // Released only once their statuses are saved: another instance that claims one then and gets further
    // saves its status after this batch's, never before it.
    for (const { object, release } of releases)
      await desired.release(object, release.delayMs, release.attempts, release.quarantined);
    await desired.finish(done);
  }

  /**
   * `reconcileOne` in a span in the trace of the change that dirtied the object (linked to each of several that
   * coalesced), named and tagged so an operator finds it by the object, its Genesys id and the outcome.
   */
  private reconcileTraced(object: ClaimedObject, references: References, calls: AttemptCall[]) {
    return inCausedSpan(
      `reconcile ${object.kind}`,
      object.traces,
      { attributes: { [traceAttributes.targetKind]: object.kind, [traceAttributes.targetKey]: object.key } },
      async (span) => {
        const result = await this.reconcileOne(object, references, calls);
        span.setAttribute(traceAttributes.outcome, result.outcome);
        const genesysId = result.status?.genesysId ?? result.unsaved?.genesysId ?? object.entry?.genesysId;
        if (genesysId) span.setAttribute(traceAttributes.genesysId, genesysId);
        return { ...result, trace: traceCarrierOf() };
      },
    );
  }

  /**
   * One object of the batch: finished with the batch (whether it became live, and an id map entry left to
   * write), or to be released with the batch, to be tried again; and its status.
   */
  private async reconcileOne(
    object: ClaimedObject,
    references: References,
    calls: AttemptCall[],
  ): Promise<{
    outcome: TerminalStep['type'];
    finished: boolean;
    status: RecordStatus | undefined;
    becameLive?: boolean;
    unsaved?: IdMapEntry;
    release?: Release;
  }> {
    let step: TerminalStep;
    try {
      step = await this.reconciler.reconcile(object, references, calls);
    } catch (error) {
      // Our own database down or restarting is the worker's trouble, not the record's: counted as attempts, a
      // Postgres restart quarantined records whose Genesys object had been created, and queues then went on
      // without those members. The step fails instead; the batch's leases lapse and it comes back recovered.
      if (isDatabaseUnavailable(error)) throw error;
      step = { type: 'fail', failure: internalFailure(error) };
    }
    switch (step.type) {
      case 'done': {
        const { synchronized, status, becameLive, unsaved } = step;
        return {
          outcome: step.type,
          finished: true,
          status: synchronized ? { ...status, synchronizedAt: this.now() } : status,
          becameLive,
          ...(unsaved ? { unsaved } : {}),
        };
      }
      case 'wait':
        return {
          outcome: step.type,
          finished: false,
          status: step.status,
          release: { delayMs: step.delayMs, attempts: object.attempts, quarantined: false },
        };
      case 'fail':
        return { outcome: step.type, finished: false, ...(await this.failed(object, step.failure)) };
    }
  }

  /** A failed attempt: retried later with jitter, or quarantined after too many. */
  private async failed(
    object: ClaimedObject,
    failure: DeliveryFailure,
  ): Promise<{ status: RecordStatus; release: Release }> {
    const attempt = object.attempts + 1;
    const decision = retryPolicy(attempt, failure, this.random(), this.options.retry);
    const quarantined = decision.action === 'quarantine';
    const entry = await this.tables.idMap.entry(object.kind, object.key);
    if (quarantined)
      this.logger.warn({ kind: object.kind, key: object.key, failure }, 'record quarantined after failures');
    return {
      status: {
        status: 'error',
        ...(entry?.live ? { genesysId: entry.genesysId } : {}),
        error: { code: failure.code, message: failure.message },
        quarantined,
      },
      release: { delayMs: quarantined ? 0 : decision.delayMs, attempts: attempt, quarantined },
    };
  }

  /**
   * Saves the batch's statuses and publishes an outcome, in the trace of its reconcile, for each one that
   * changed, was synchronized, failed after asking Genesys, or repaired drift the audit found (the outcome says
   * what had drifted); each with the requests of its attempt, so the record's history shows every call that
   * changed or failed it.
   */
  private async record(
    statuses: readonly StatusOfRecord<TargetKind>[],
    attempts: ReadonlyMap<string, DeliveryAttempt>,
    traces: ReadonlyMap<string, TraceCarrier>,
  ) {
    const changed = await this.tables.statuses.save(statuses);
    const drifts = (await this.tables.drifts?.take(statuses)) ?? new Map<string, DriftOfRecord[]>();
    const lastSynchronized = new Map(changed.map((c) => [`${c.kind}:${c.key}`, c.lastSynchronizedAt]));
    await Promise.all(
      statuses.map(async ({ kind, key, status }) => {
        const id = `${kind}:${key}`;
        const drift = drifts.get(id);
        const attempt = attempts.get(id);
        const failed = status.status === 'error' && attempt !== undefined;
        if (!lastSynchronized.has(id) && !drift && !failed) return;
        await this.publisher.publish(
          recordOutcome(kind, key, status, lastSynchronized.get(id), drift, attempt),
          contextFromCarrier(traces.get(id)),
        );
      }),
    );
  }
}

/** Anything but a Genesys failure (the decider sees those): counted against the record like an outage. */
function internalFailure(error: unknown): DeliveryFailure {
  return {
    kind: 'unavailable',
    status: 0,
    code: 'internal',
    message: error instanceof Error ? error.message : String(error),
  };
}

/** SQLSTATE classes of a database that cannot serve: connection exceptions (08) and operator intervention (57P). */
const unavailableState = /^(08|57P0)/;
const connectionErrors = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE']);

/** Postgres unreachable, restarting or gone mid-query, as node-postgres and TypeORM report it. */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (error instanceof GenesysFailure || typeof error !== 'object' || error === null) return false;
  const { code, driverError, message } = error as {
    code?: unknown;
    driverError?: unknown;
    message?: unknown;
  };
  const driverCode = (driverError as { code?: unknown } | undefined)?.code;
  const codes = [code, driverCode].filter((value): value is string => typeof value === 'string');
  return (
    codes.some((value) => unavailableState.test(value) || connectionErrors.has(value)) ||
    /Connection terminated|the database system is (starting up|shutting down|not yet accepting)/.test(
      String(message),
    )
  );
}

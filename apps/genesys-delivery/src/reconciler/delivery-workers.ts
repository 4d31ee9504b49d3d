import { DeliveryOutcomeRecorded, type Envelope, type EventData, type TargetKind } from '@bridge/contracts';
import { retryPolicy, type DeliveryFailure, type RetrySettings } from '@bridge/delivery-planning';
import { GenesysFailure } from '@bridge/genesys-client';
import type { EventPublisher } from '@bridge/messaging';
import { randomUUID } from 'node:crypto';
import type { DeliveryStore, RecordStatus } from '../persistence/delivery-store';
import type { Reconciler } from './reconciler';

export interface WorkerOptions {
  readonly workers: number;
  readonly pollMs: number;
  /**
   * How long a claimed object stays leased without renewal. A live worker renews it every third of this while it
   * works, so a slow reconcile keeps its lease and a crashed instance's leases lapse within this time.
   */
  readonly leaseMs: number;
  readonly retry: RetrySettings;
}

interface WorkerLogger {
  warn(fields: object, message: string): void;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Workers that drain the dirty objects in dependency order, one leased object at a time each; the rate budget
 * they share lives in Postgres. The outcome of each record goes to the status table and, when it changed, to
 * DELIVERY.
 */
export class DeliveryWorkers {
  private running = false;
  private loops: Promise<void>[] = [];

  constructor(
    private readonly store: DeliveryStore,
    private readonly reconciler: Reconciler,
    private readonly publisher: Pick<EventPublisher, 'publish'>,
    private readonly options: WorkerOptions,
    private readonly logger: WorkerLogger,
    private readonly random: () => number = Math.random,
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loops = Array.from({ length: this.options.workers }, () => this.loop());
  }

  async stop(): Promise<void> {
    this.running = false;
    await Promise.allSettled(this.loops);
  }

  private async loop(): Promise<void> {
    while (this.running) {
      try {
        if (!(await this.step())) await sleep(this.options.pollMs);
      } catch (error) {
        this.logger.warn({ err: error }, 'delivery worker step failed');
        await sleep(this.options.pollMs * 10);
      }
    }
  }

  /** Reconciles one due object; false when none was due. */
  async step(): Promise<boolean> {
    const object = await this.store.claim(this.options.leaseMs);
    if (!object) return false;
    const renewal = setInterval(() => {
      this.store.renew(object, this.options.leaseMs).catch((error: unknown) => {
        this.logger.warn({ err: error, kind: object.kind, key: object.key }, 'lease renewal failed');
      });
    }, this.options.leaseMs / 3);
    try {
      const result = await this.reconciler.reconcile(object);
      if (result.outcome === 'done') await this.store.finish(object);
      else await this.store.release(object, result.delayMs, object.attempts);
      if (result.status) await this.record(object.kind, object.key, result.status);
    } catch (error) {
      const failure = asFailure(error);
      const attempt = object.attempts + 1;
      const decision = retryPolicy(attempt, failure, this.random(), this.options.retry);
      const quarantined = decision.action === 'quarantine';
      await this.store.release(object, quarantined ? 0 : decision.delayMs, attempt, quarantined);
      const entry = await this.store.idMapEntry(object.kind, object.key);
      await this.record(object.kind, object.key, {
        status: 'error',
        ...(entry?.live ? { genesysId: entry.genesysId } : {}),
        error: { code: failure.code, message: failure.message },
        quarantined,
      });
      if (quarantined)
        this.logger.warn(
          { kind: object.kind, key: object.key, failure },
          'record quarantined after failures',
        );
    } finally {
      clearInterval(renewal);
    }
    return true;
  }

  private async record(kind: TargetKind, key: string, status: RecordStatus): Promise<void> {
    if (!(await this.store.saveStatus(kind, key, status))) return;
    const synchronizedAt = status.synchronizedAt ?? (await this.store.lastSynchronizedAt(kind, key));
    const data: EventData<typeof DeliveryOutcomeRecorded> = {
      kind,
      key,
      status: status.status,
      ...(status.genesysId ? { genesysId: status.genesysId } : {}),
      ...(synchronizedAt ? { lastSynchronizedAt: synchronizedAt.toISOString() } : {}),
      ...(status.reason ? { reason: status.reason } : {}),
      ...(status.error ? { error: status.error } : {}),
    };
    const id = randomUUID();
    const envelope: Envelope<typeof data> = {
      id,
      type: DeliveryOutcomeRecorded.type,
      schemaVersion: DeliveryOutcomeRecorded.schemaVersion,
      occurredAt: new Date().toISOString(),
      source: 'genesys-delivery',
      correlationId: id,
      data,
    };
    await this.publisher.publish(envelope);
  }
}

function asFailure(error: unknown): DeliveryFailure {
  if (error instanceof GenesysFailure) return error;
  return {
    kind: 'unavailable',
    status: 0,
    code: 'internal',
    message: error instanceof Error ? error.message : String(error),
  };
}

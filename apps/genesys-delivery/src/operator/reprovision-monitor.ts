import {
  canonicalJson,
  DeliveryReprovisionProgressed,
  type Envelope,
  type ReprovisionProgress,
} from '@bridge/contracts';
import type { EventPublisher } from '@bridge/messaging';
import { createHash, randomUUID } from 'node:crypto';
import type { DeliveryOperations } from './delivery-operations';
import type { OperatorTables } from './operator-tables';

/**
 * Follows the running reprovision on every instance: publishes its progress whenever it changed
 * (`DeliveryReprovisionProgressed`, message id derived from the progress, so the instances' copies are stored
 * once), and marks it finished when every record is done; the instance that marks it publishes the last one. The
 * instances take turns on the run, so its events are stored in the order they were read and none follows the
 * finish. A run whose instance died before object-mapping answered would wait for that answer for ever (and hold
 * off every other run): past `mappingTimeoutMs` its mapping phase is recorded failed, and the run goes on.
 */
export class ReprovisionMonitor {
  private timer: NodeJS.Timeout | undefined;
  private last: string | undefined;
  private ticking: Promise<void> = Promise.resolve();

  constructor(
    private readonly tables: Pick<OperatorTables, 'followRunningRun'>,
    private readonly operations: Pick<DeliveryOperations, 'progressOf'>,
    private readonly publisher: Pick<EventPublisher, 'publish'>,
    private readonly options: { readonly intervalMs: number; readonly mappingTimeoutMs: number },
    private readonly failed: (error: unknown) => void,
    private readonly now: () => Date = () => new Date(),
  ) {}

  start(): void {
    this.timer ??= setInterval(() => {
      this.ticking = this.ticking.then(() => this.tick().catch(this.failed));
    }, this.options.intervalMs);
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.ticking;
  }

  /**
   * One look at the running run, holding its row (`followRunningRun`): another instance's look cannot publish
   * between this one's reading and its publishing, and the finish is kept only once its event is. Exposed for
   * tests.
   */
  async tick(): Promise<void> {
    await this.tables.followRunningRun(async (found, held) => {
      let run = found;
      if (!run.mapping && this.now().getTime() - run.startedAt.getTime() > this.options.mappingTimeoutMs) {
        const mapping = { error: 'object-mapping did not answer the rebuild in time' };
        await held.saveMapping(mapping);
        run = { ...run, mapping };
      }
      const progress = await this.operations.progressOf(run);
      if (progress.state === 'finished') {
        const finishedAt = await held.finish();
        await this.publish({ ...progress, finishedAt: finishedAt.toISOString() });
        return;
      }
      await this.publish(progress);
    });
  }

  private async publish(progress: ReprovisionProgress): Promise<void> {
    // The ETA moves with the clock: only the counts decide whether this is news.
    const { etaSeconds: _eta, ...news } = progress;
    const fingerprint = createHash('sha256').update(canonicalJson(news)).digest('base64url');
    if (fingerprint === this.last) return;
    const id = randomUUID();
    const envelope: Envelope<ReprovisionProgress> = {
      id,
      type: DeliveryReprovisionProgressed.type,
      schemaVersion: DeliveryReprovisionProgressed.schemaVersion,
      occurredAt: new Date().toISOString(),
      source: 'genesys-delivery',
      correlationId: progress.runId,
      data: progress,
    };
    await this.publisher.publish(envelope, undefined, `${progress.runId}:${fingerprint}`);
    this.last = fingerprint;
  }
}

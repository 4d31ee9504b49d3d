import {
  OperatorDeliveryStatusRead,
  OperatorIngestionStatusRead,
  OperatorMappingStatusRead,
  OperatorQuarantineList,
  OperatorUploadStatusRead,
  type OperatorResultOf,
} from '@bridge/contracts';
import { inboxLaneOf, type InboxLaneView } from '@bridge/console-projection';
import type { CicEventLog } from '../persistence/cic-event-log';
import type { LiveUpdates } from '../projection/live-updates';
import type { ProjectionFeed } from '../projection/projection-feed';
import type { OperatorClient } from './operator-client';

/** The Health page's data: what every instance of each service answered at the last poll. */
export interface HealthSnapshot {
  readonly readAt: string;
  readonly ingestion: readonly OperatorResultOf<typeof OperatorIngestionStatusRead>[];
  readonly mapping: readonly OperatorResultOf<typeof OperatorMappingStatusRead>[];
  readonly delivery: readonly OperatorResultOf<typeof OperatorDeliveryStatusRead>[];
  readonly upload: readonly OperatorResultOf<typeof OperatorUploadStatusRead>[];
  /** genesys-delivery's inbox notifications lane, with what cic-ingestion recorded of its notifications. */
  readonly inbox: InboxLaneView;
  /** The console's own projection: records held and whether it has read both streams. */
  readonly console: { readonly records: number; readonly ready: boolean };
}

/** The console reads as this name in the services' audit lines (reads are not operator actions). */
const READER = 'console';

/**
 * Reads the services' status (request/reply to every instance) and delivery's quarantine list on a timer,
 * keeps the newest, and tells open pages. Status is polled, not pushed: the services publish no status events.
 */
export class StatusPoller {
  private snapshot: HealthSnapshot | undefined;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly client: OperatorClient,
    private readonly feed: ProjectionFeed,
    private readonly live: LiveUpdates,
    private readonly cicLog: Pick<CicEventLog, 'inboxRecords'>,
    private readonly intervalMs: number,
  ) {}

  start(): void {
    const tick = () => {
      // A failed poll leaves the last snapshot in place; the next one tries again.
      this.running = this.poll()
        .catch(() => undefined)
        .finally(() => {
          if (this.running !== undefined) this.timer = setTimeout(tick, this.intervalMs);
        });
    };
    tick();
  }

  async stop(): Promise<void> {
    clearTimeout(this.timer);
    const running = this.running;
    this.running = undefined;
    await running;
  }

  /** The newest snapshot, read now if none was taken yet. */
  async health(): Promise<HealthSnapshot> {
    return this.snapshot ?? (await this.read());
  }

  private async poll(): Promise<void> {
    this.snapshot = await this.read();
    const quarantine = await this.client.send(OperatorQuarantineList, { operator: READER });
    if (quarantine.ok)
      this.feed.projection.quarantine(
        quarantine.result.records.map((record) => ({ kind: record.kind, key: record.cicId })),
      );
    this.live.changed('health', () => this.snapshot);
  }

  private async read(): Promise<HealthSnapshot> {
    // Less than the poll interval, so a slow instance never makes polls overlap.
    const waitMs = Math.min(1000, this.intervalMs / 2);
    const [ingestion, mapping, delivery, upload, recorded] = await Promise.all([
      this.client.readEvery(OperatorIngestionStatusRead, { operator: READER }, waitMs),
      this.client.readEvery(OperatorMappingStatusRead, { operator: READER }, waitMs),
      this.client.readEvery(OperatorDeliveryStatusRead, { operator: READER }, waitMs),
      this.client.readEvery(OperatorUploadStatusRead, { operator: READER }, waitMs),
      // Without the store's counts the page still shows the lane, only not its backlog.
      this.cicLog.inboxRecords().catch(() => undefined),
    ]);
    const receipts = this.feed.inboxReceipts;
    return {
      readAt: new Date().toISOString(),
      ingestion,
      mapping,
      delivery,
      upload,
      inbox: inboxLaneOf({
        lanes: delivery.map((answer) => answer.inbox),
        received: { count: receipts.count, lastAt: receipts.lastAt },
        recorded,
      }),
      console: { records: this.feed.projection.size, ready: this.feed.ready },
    };
  }
}

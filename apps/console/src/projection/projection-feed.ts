import {
  decodeEvent,
  DeliveryInboxNotificationReceived,
  DeliveryRecordOutcome,
  DeliveryReprovisionProgressed,
  targetKindOf,
  type BridgeEvent,
  type ReprovisionProgress,
  type StreamName,
} from '@bridge/contracts';
import {
  activityOfOutcome,
  InboxReceipts,
  RecordProjection,
  type ActivityEntry,
  type DesiredDecision,
} from '@bridge/console-projection';
import type { NatsConnection, Topology } from '@bridge/messaging';
import { jetstream, jetstreamManager, type ConsumerMessages } from '@nats-io/jetstream';
import type { ActivityLog } from '../persistence/activity-log';
import type { HistoryRow, RecordHistory } from '../persistence/record-history';
import type { LiveUpdates } from './live-updates';

interface FeedLogger {
  warn(fields: object, message: string): void;
  info(fields: object, message: string): void;
}

/** Rows waiting to be written; written together, so an initial read of tens of thousands is a few statements. */
interface Pending {
  history: HistoryRow[];
  activity: (ActivityEntry & { origin: string })[];
}

const FLUSH_ROWS = 1000;

/**
 * Feeds the console's projection from the MAPPING and DELIVERY streams, read from their start by ordered
 * consumers of this instance alone: each keeps the newest message per record, so reading them again rebuilds
 * the projection (at every start, or on `rebuild()`). What passes is also kept in the console's history and
 * activity tables, and announced to open pages.
 */
export class ProjectionFeed {
  readonly projection = new RecordProjection();
  /** The inbox lane's notifications on DELIVERY, for the Health page (cic-ingestion's records are the other half). */
  readonly inboxReceipts = new InboxReceipts();
  private readonly reprovisions = new Map<string, ReprovisionProgress>();
  private latestRunId: string | undefined;
  private readonly subscriptions: ConsumerMessages[] = [];
  private pending: Pending = { history: [], activity: [] };
  private flushing: Promise<void> = Promise.resolve();
  private caughtUp = new Set<StreamName>();

  constructor(
    private readonly nats: NatsConnection,
    private readonly topology: Topology,
    private readonly history: RecordHistory,
    private readonly activity: ActivityLog,
    private readonly live: LiveUpdates,
    private readonly logger: FeedLogger,
  ) {}

  /** Whether both streams have been read up to where they stood when the feed started. */
  get ready(): boolean {
    return this.caughtUp.size === 2;
  }

  async start(): Promise<void> {
    await Promise.all((['MAPPING', 'DELIVERY'] as const).map((stream) => this.follow(stream)));
  }

  async stop(): Promise<void> {
    for (const subscription of this.subscriptions.splice(0)) await subscription.close();
    await this.flush();
  }

  /** Forgets the projection and reads both streams again from their start. */
  async rebuild(): Promise<void> {
    await this.stop();
    this.projection.clear();
    this.inboxReceipts.clear();
    this.caughtUp.clear();
    await this.start();
  }

  reprovision(runId?: string): ReprovisionProgress | undefined {
    const id = runId ?? this.latestRunId;
    return id === undefined ? undefined : this.reprovisions.get(id);
  }

  /** Records a reprovision's progress answered by delivery directly (a start, a poll), newest wins. */
  progressed(progress: ReprovisionProgress): void {
    const known = this.reprovisions.get(progress.runId);
    if (known && known.state === 'finished' && progress.state === 'running') return;
    this.reprovisions.set(progress.runId, progress);
    if (!this.latestRunId || (this.reprovisions.get(this.latestRunId)?.startedAt ?? '') <= progress.startedAt)
      this.latestRunId = progress.runId;
    this.live.changed('reprovision', () => this.reprovision());
  }

  private async follow(stream: 'MAPPING' | 'DELIVERY'): Promise<void> {
    const name = this.topology.stream(stream);
    const { state } = await (await jetstreamManager(this.nats)).streams.info(name);
    const endAtStart = state.last_seq;
    if (endAtStart === 0 || state.messages === 0) this.caughtUp.add(stream);
    const consumer = await jetstream(this.nats).consumers.get(name);
    const messages = await consumer.consume({ max_messages: 1000 });
    this.subscriptions.push(messages);
    void (async () => {
      for await (const message of messages) {
        try {
          this.apply(stream, message.seq, decodeEvent(message.json()));
        } catch (error) {
          this.logger.warn({ stream, sequence: message.seq, err: String(error) }, 'message skipped');
        }
        if (message.seq >= endAtStart && !this.caughtUp.has(stream)) {
          this.caughtUp.add(stream);
          this.logger.info({ stream, records: this.projection.size }, 'projection caught up with stream');
        }
        if (messages.getPending() === 0 || this.pending.history.length >= FLUSH_ROWS) void this.flush();
      }
    })();
  }

  private apply(stream: 'MAPPING' | 'DELIVERY', sequence: number, event: BridgeEvent): void {
    const at = event.occurredAt;
    if (stream === 'MAPPING') {
      const kind = targetKindOf(event.type);
      if (!kind) return;
      // Every desired-state event's data is its key and a DesiredDecision; targetKindOf does not narrow the type.
      const data = event.data as { key: string } & DesiredDecision;
      this.projection.decided(kind, data.key, data, at);
      this.pending.history.push({ stream, sequence, kind, key: data.key, type: event.type, at, data });
      this.live.changed('status', () => this.projection.counts());
      return;
    }
    if (event.type === DeliveryRecordOutcome.type) {
      const outcome = event.data;
      const { before, after } = this.projection.delivered(outcome, at);
      const { kind, key } = outcome;
      this.pending.history.push({ stream, sequence, kind, key, type: event.type, at, data: outcome });
      const entry = activityOfOutcome(before, after, at);
      if (entry) {
        this.pending.activity.push({ ...entry, origin: `${stream}:${sequence}` });
        this.live.changed('activity', () => entry);
      }
      this.live.changed('status', () => this.projection.counts());
    } else if (event.type === DeliveryReprovisionProgressed.type) {
      this.progressed(event.data);
    } else if (event.type === DeliveryInboxNotificationReceived.type) {
      this.inboxReceipts.add(event.data.notificationId, event.data.timestamp);
    }
  }

  /** Writes what is pending, one flush at a time; a failure is logged and the rows dropped (the log is a view). */
  private flush(): Promise<void> {
    const batch = this.pending;
    if (batch.history.length === 0 && batch.activity.length === 0) return this.flushing;
    this.pending = { history: [], activity: [] };
    this.flushing = this.flushing
      .then(() => Promise.all([this.history.add(batch.history), this.activity.add(batch.activity)]))
      .then(
        () => undefined,
        (error: unknown) => this.logger.warn({ err: String(error) }, 'history not written'),
      );
    return this.flushing;
  }
}

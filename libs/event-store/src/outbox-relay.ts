import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import type { EventStore, StoredEvent } from './event-store';
import { appendedChannel } from './postgres-event-store';
import { quoteIdentifier } from '@bridge/postgres';
import { watchEventStore } from './event-store-metrics';

export interface OutboxRelayOptions {
  /** Names the cursor and the leadership lock: one active relay per name across every instance. */
  readonly name: string;
  readonly databaseUrl: string;
  readonly schema: string;
  readonly dataSource: DataSource;
  /**
   * Where a batch is read: the store's `readAll`, or a read of fewer of the log's events for a consumer that
   * needs fewer, as long as the batch's last event stays (the cursor moves to it).
   */
  readonly store: Pick<EventStore, 'readAll'>;
  /**
   * Publishes a batch in order and resolves once the broker has stored every event. It must be idempotent by
   * message id, `relayedMessageId(epoch, event.id)` (JetStream's `Nats-Msg-Id`): after a crash the last batch is
   * published again.
   */
  readonly publish: (events: readonly StoredEvent[], epoch: string) => Promise<void>;
  /**
   * The message id of the last message the broker holds from any relay of this log, if any. At start the relay
   * compares it with its store: an id of this epoch whose event the store lacks means the database was restored
   * from a backup, and the store takes a new epoch (ADR 0006).
   */
  readonly lastPublished?: () => Promise<string | undefined>;
  readonly batchSize?: number;
  /**
   * Commit the cursor without waiting for the WAL flush. Only for a consumer that keeps its own position with
   * its writes (a projection): a cursor Postgres loses in a crash then only sends batches again that the consumer
   * already has and recognises. Otherwise each batch waits for a flush of everything the consumer wrote too.
   */
  readonly asynchronousCursor?: boolean;
  /**
   * Read the next batch while the consumer takes the one before, so the database's read overlaps the consumer's
   * work. A read ahead is used only when the cursor is still where it began and it found events; otherwise the
   * relay reads again.
   */
  readonly readAhead?: boolean;
  /** How often to look for events without a notification (a missed NOTIFY, a reconnect). */
  readonly pollIntervalMs?: number;
  readonly onError?: (error: unknown) => void;
  readonly onLeadership?: (leader: boolean) => void;
  /** The store took a new epoch because it was found restored from a backup. */
  readonly onEpoch?: (epoch: string, reason: 'restored') => void;
}

/** The `Nats-Msg-Id` of a relayed event: the store's epoch and the event id (ADR 0006). */
export function relayedMessageId(epoch: string, eventId: string): string {
  return `${epoch}:${eventId}`;
}

function parseRelayedMessageId(id: string | undefined): { epoch: string; eventId: string } | undefined {
  const match = id?.match(/^([0-9a-f-]{36}):([0-9a-f-]{36})$/);
  return match ? { epoch: match[1] as string, eventId: match[2] as string } : undefined;
}

/**
 * Publishes the event log to JetStream in global order (DESIGN §3). Events are committed first; the relay
 * publishes a batch, then advances its cursor. A crash in between re-publishes the batch, and JetStream drops
 * the duplicates by event id. Of several instances, the one holding a Postgres advisory lock relays; the others
 * wait, and take over when its session ends.
 */
export class OutboxRelay {
  private readonly cursors: string;
  private readonly schema: string;
  private epoch?: string;
  private listener?: Client;
  private sessionLost = false;
  private running = false;
  private wake?: () => void;
  private loop?: Promise<void>;
  private ahead?: { readonly after: number; readonly batch: Promise<StoredEvent[]> };

  constructor(private readonly options: OutboxRelayOptions) {
    this.schema = quoteIdentifier(options.schema);
    this.cursors = `${this.schema}.outbox_cursors`;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    watchEventStore(this.options.dataSource, this.options.schema, this.options.name);
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    await this.listener?.end().catch(() => undefined);
    this.listener = undefined;
  }

  /** Publishes one batch after the cursor and advances it; returns how many events it published. */
  async relayBatch(): Promise<number> {
    const position = await this.cursor();
    const batch = await this.read(position);
    const last = batch.at(-1);
    if (!last) return 0;
    this.epoch ??= await this.storeEpoch();
    if (this.options.readAhead) {
      const ahead = this.readAll(last.position);
      // Not awaited when the cursor moved elsewhere: its failure is then nobody's to hear.
      ahead.catch(() => undefined);
      this.ahead = { after: last.position, batch: ahead };
    }
    await this.options.publish(batch, this.epoch);
    // set_config(…, true) is SET LOCAL within the statement's own transaction, without a round trip of its own.
    const commitMode = this.options.asynchronousCursor
      ? `FROM (SELECT set_config('synchronous_commit', 'off', true)) AS async_commit`
      : '';
    await this.options.dataSource.query(
      `INSERT INTO ${this.cursors} (relay, position) SELECT $1::text, $2::bigint ${commitMode}
       ON CONFLICT (relay) DO UPDATE SET position = excluded.position, updated_at = now()`,
      [this.options.name, last.position],
    );
    return batch.length;
  }

  private async read(position: number): Promise<StoredEvent[]> {
    const ahead = this.ahead;
    this.ahead = undefined;
    if (ahead?.after === position) {
      // Empty, it may predate appends whose notification came while the relay was busy.
      const batch = await ahead.batch;
      if (batch.length > 0) return batch;
    }
    return this.readAll(position);
  }

  private readAll(position: number): Promise<StoredEvent[]> {
    return this.options.store.readAll(position, this.options.batchSize ?? 500);
  }

  async cursor(): Promise<number> {
    const rows = await this.options.dataSource.query<{ position: string }[]>(
      `SELECT position FROM ${this.cursors} WHERE relay = $1`,
      [this.options.name],
    );
    return Number(rows[0]?.position ?? 0);
  }

  /** The epoch this store's messages carry in their ids (ADR 0006). */
  async storeEpoch(): Promise<string> {
    const rows = await this.options.dataSource.query<{ epoch: string }[]>(
      `SELECT epoch FROM ${this.schema}.store_epoch`,
    );
    const epoch = rows[0]?.epoch;
    if (!epoch) throw new Error(`${this.schema}.store_epoch has no row: run the event store's migrations`);
    return epoch;
  }

  /**
   * Takes a new epoch when the broker's last message is of this store's epoch but names an event the store does
   * not hold: the database was restored from a backup taken before it, and the events appended from now on may
   * repeat ids of events the old timeline published. A wiped store needs no check: its migration made a new
   * epoch.
   */
  private async checkTimeline(): Promise<void> {
    const epoch = await this.storeEpoch();
    const last = parseRelayedMessageId(await this.options.lastPublished?.());
    if (last?.epoch === epoch) {
      const found = await this.options.dataSource.query<unknown[]>(
        `SELECT 1 FROM ${this.schema}.events WHERE event_id = $1`,
        [last.eventId],
      );
      if (found.length === 0) {
        await this.options.dataSource.query(
          `UPDATE ${this.schema}.store_epoch SET epoch = gen_random_uuid(), started_at = now()`,
        );
        this.epoch = await this.storeEpoch();
        this.options.onEpoch?.(this.epoch, 'restored');
        return;
      }
    }
    this.epoch = epoch;
  }

  private async run(): Promise<void> {
    while (this.running) {
      try {
        await this.lead();
        while (this.running) {
          // The lock lives in the listener's session: once that is gone (Postgres restarted, the backend was
          // terminated) another instance may lead, and appends no longer wake this one. The pool reconnects on
          // its own, so relaying would go on as if nothing happened.
          if (this.sessionLost) throw new Error('the relay lost its Postgres session, and the lock with it');
          if ((await this.relayBatch()) > 0) continue;
          await this.sleep(this.options.pollIntervalMs ?? 1000);
        }
      } catch (error) {
        this.options.onError?.(error);
        await this.listener?.end().catch(() => undefined);
        this.listener = undefined;
        this.options.onLeadership?.(false);
        await this.sleep(1000);
      }
    }
  }

  /** Waits until this instance holds the relay's lock, then listens for appends. */
  private async lead(): Promise<void> {
    const client = new Client({ connectionString: this.options.databaseUrl });
    this.listener = client;
    this.sessionLost = false;
    const lost = () => {
      if (this.listener !== client) return;
      this.sessionLost = true;
      this.wake?.();
    };
    client.on('error', (error) => {
      this.options.onError?.(error);
      lost();
    });
    client.on('end', lost);
    client.on('notification', () => this.wake?.());
    await client.connect();
    while (this.running) {
      const { rows } = await client.query<{ locked: boolean }>(
        'SELECT pg_try_advisory_lock(hashtext($1)) AS locked',
        [`outbox-relay:${this.options.schema}:${this.options.name}`],
      );
      if (rows[0]?.locked) break;
      await this.sleep(this.options.pollIntervalMs ?? 1000);
    }
    await client.query(`LISTEN ${quoteIdentifier(appendedChannel(this.options.schema))}`);
    await this.checkTimeline();
    this.options.onLeadership?.(true);
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }
}

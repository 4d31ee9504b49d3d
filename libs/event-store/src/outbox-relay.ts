import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import type { EventStore, StoredEvent } from './event-store';
import { appendedChannel } from './postgres-event-store';
import { quoteIdentifier } from './schema';

export interface OutboxRelayOptions {
  /** Names the cursor and the leadership lock: one active relay per name across every instance. */
  readonly name: string;
  readonly databaseUrl: string;
  readonly schema: string;
  readonly dataSource: DataSource;
  readonly store: EventStore;
  /**
   * Publishes a batch in order and resolves once the broker has stored every event. It must be idempotent by
   * event id (JetStream's `Nats-Msg-Id`): after a crash the last batch is published again.
   */
  readonly publish: (events: readonly StoredEvent[]) => Promise<void>;
  readonly batchSize?: number;
  /** How often to look for events without a notification (a missed NOTIFY, a reconnect). */
  readonly pollIntervalMs?: number;
  readonly onError?: (error: unknown) => void;
  readonly onLeadership?: (leader: boolean) => void;
}

/**
 * Publishes the event log to JetStream in global order (DESIGN §3). Events are committed first; the relay
 * publishes a batch, then advances its cursor. A crash in between re-publishes the batch, and JetStream drops
 * the duplicates by event id. Of several instances, the one holding a Postgres advisory lock relays; the others
 * wait, and take over when its session ends.
 */
export class OutboxRelay {
  private readonly cursors: string;
  private listener?: Client;
  private running = false;
  private wake?: () => void;
  private loop?: Promise<void>;

  constructor(private readonly options: OutboxRelayOptions) {
    this.cursors = `${quoteIdentifier(options.schema)}.outbox_cursors`;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
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
    const batch = await this.options.store.readAll(position, this.options.batchSize ?? 500);
    const last = batch.at(-1);
    if (!last) return 0;
    await this.options.publish(batch);
    await this.options.dataSource.query(
      `INSERT INTO ${this.cursors} (relay, position) VALUES ($1, $2)
       ON CONFLICT (relay) DO UPDATE SET position = excluded.position, updated_at = now()`,
      [this.options.name, last.position],
    );
    return batch.length;
  }

  async cursor(): Promise<number> {
    const rows = await this.options.dataSource.query<{ position: string }[]>(
      `SELECT position FROM ${this.cursors} WHERE relay = $1`,
      [this.options.name],
    );
    return Number(rows[0]?.position ?? 0);
  }

  private async run(): Promise<void> {
    while (this.running) {
      try {
        await this.lead();
        while (this.running) {
          while (this.running && (await this.relayBatch()) > 0);
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
    client.on('error', (error) => this.options.onError?.(error));
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

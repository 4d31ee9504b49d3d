import {
  CIC_INTERACTION_STREAM_PREFIX,
  cicInteractionStreamId,
  CicInteractionTransferred,
  CicInteractionStarted,
  CicInteractionWrappedUp,
  type AnyEventDefinition,
  type CicInteraction,
} from '@bridge/contracts';
import {
  envelopeToNewEvent,
  migrations as eventStoreMigrations,
  PostgresEventStore,
  type StoredEvent,
} from '@bridge/event-store';
import { INTERVAL_MS, type Contribution } from '@bridge/interval-aggregation';
import { openDatabase } from '@bridge/postgres';
import { createIsolation, type Isolation } from '@bridge/testing';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import {
  INTERVALS_RELAY,
  IntervalProjectionStore,
  ProjectionRewound,
} from '../persistence/interval-projection-store';
import { historicalUploadMigrations } from '../persistence/migrations';
import { IntervalProjection } from './interval-projection';

/**
 * The projection's transaction on the real Postgres: rows and position move together, exactly once; a change
 * that takes counts away leaves no empty row; an ended interaction's contributions go; a batch that does not
 * follow on is refused and the relay sent back.
 */
let isolation: Isolation;
let db: DataSource;
let events: PostgresEventStore;
let store: IntervalProjectionStore;
let projection: IntervalProjection;
const warnings: object[] = [];

const day = Date.UTC(2026, 10, 2);
const at = (minutes: number) => new Date(day + minutes * 60_000).toISOString();
const window = { start: day, end: day + 96 * INTERVAL_MS };

function call(id: string, state: CicInteraction['state'], enteredMinute: number): CicInteraction {
  const ended = state === 'ended';
  return {
    interactionId: id,
    mediaType: 'call',
    direction: 'inbound',
    state,
    initiatedAt: at(enteredMinute),
    segments: [
      {
        workgroupId: 'Support',
        enteredQueueAt: at(enteredMinute),
        skills: [],
        holds: [],
        ...(ended
          ? { userId: 'anna', answeredAt: at(enteredMinute + 1), endedAt: at(enteredMinute + 3) }
          : {}),
      },
    ],
  };
}

async function record(definition: AnyEventDefinition, interaction: CicInteraction): Promise<void> {
  const id = randomUUID();
  await events.append(cicInteractionStreamId(interaction.interactionId), 'any', [
    envelopeToNewEvent({
      id,
      type: definition.type,
      schemaVersion: definition.schemaVersion,
      occurredAt: interaction.initiatedAt,
      source: 'test',
      correlationId: id,
      data: { interaction },
    }),
  ]);
}

const after = (position: number) => events.readAll(position, 100);
const rows = async () => {
  const all: Contribution[] = [];
  for await (const row of store.rows(window)) all.push(row);
  return all.map((r) => [r.intervalStart - day, r.offered, r.handled, r.handleMs]);
};
const openInteractions = async () =>
  (
    await db.query<{ interaction_id: string }[]>(
      `SELECT interaction_id FROM "${isolation.schema}".historical_upload_interactions ORDER BY 1`,
    )
  ).map((r) => r.interaction_id);

beforeEach(async () => {
  isolation = await createIsolation('histproj');
  db = await openDatabase({ url: isolation.databaseUrl, schema: isolation.schema, poolSize: 2 }, [
    ...eventStoreMigrations,
    ...historicalUploadMigrations,
  ]);
  events = new PostgresEventStore(db, isolation.schema);
  store = new IntervalProjectionStore(db, isolation.schema);
  warnings.length = 0;
  projection = new IntervalProjection(store, { warn: (fields) => warnings.push(fields) });
});

afterEach(async () => {
  await db?.destroy();
  await isolation?.dispose();
});

describe('the interval projection on Postgres', () => {
  it('applies a batch once, however often the relay sends it', async () => {
    await record(CicInteractionStarted, call('1', 'queued', 10));
    await record(CicInteractionWrappedUp, call('1', 'ended', 10));
    const batch = await after(0);

    await projection.apply(batch);
    await projection.apply(batch);

    expect(await rows()).toEqual([[0, 1, 1, 120_000]]);
    expect((await store.state()).position).toBe(batch.at(-1)?.position);
    expect(await openInteractions()).toEqual([]);
  });

  it('takes back what a new state moves elsewhere, leaves no empty row, and drops an ended interaction', async () => {
    await record(CicInteractionStarted, call('2', 'queued', 14));
    await projection.apply(await after(0));
    expect(await openInteractions()).toEqual(['2']);

    // A later state says it entered the queue in the next interval.
    await record(CicInteractionTransferred, call('2', 'queued', 16));
    await projection.apply(await after((await store.state()).position));
    expect(await rows()).toEqual([[INTERVAL_MS, 1, 0, 0]]);

    await record(CicInteractionWrappedUp, call('2', 'ended', 16));
    await projection.apply(await after((await store.state()).position));
    expect(await rows()).toEqual([[INTERVAL_MS, 1, 1, 120_000]]);
    expect(await openInteractions()).toEqual([]);
  });

  it("reports an interaction whose newest event fails its schema and leaves it out, applying the batch's others", async () => {
    await record(CicInteractionStarted, call('4', 'queued', 10));
    await record(CicInteractionWrappedUp, { ...call('4', 'ended', 10), disconnectedAt: 'yesterday' });
    await record(CicInteractionWrappedUp, call('5', 'ended', 20));
    const batch = await events.readNewestInBatch(0, 100, CIC_INTERACTION_STREAM_PREFIX);

    await projection.apply(batch);

    expect(await rows()).toEqual([[INTERVAL_MS, 1, 1, 120_000]]);
    expect(warnings).toMatchObject([{ position: batch[1]?.position }]);
    expect(JSON.stringify(warnings)).toContain('disconnectedAt');
    expect((await store.state()).position).toBe(batch.at(-1)?.position);
  });

  it('refuses a batch that does not follow on from its position, and sends the relay back there', async () => {
    await record(CicInteractionStarted, call('3', 'queued', 10));
    await record(CicInteractionWrappedUp, call('3', 'ended', 10));
    const [first, second] = await after(0);
    await db.query(`INSERT INTO "${isolation.schema}".outbox_cursors (relay, position) VALUES ($1, $2)`, [
      INTERVALS_RELAY,
      (second as StoredEvent).position,
    ]);

    await expect(projection.apply([second as StoredEvent])).rejects.toBeInstanceOf(ProjectionRewound);

    const [cursor] = await db.query<{ position: string }[]>(
      `SELECT position FROM "${isolation.schema}".outbox_cursors WHERE relay = $1`,
      [INTERVALS_RELAY],
    );
    expect(Number(cursor?.position)).toBe(0);
    expect(await rows()).toEqual([]);
    await projection.apply([first as StoredEvent, second as StoredEvent]);
    expect(await rows()).toEqual([[0, 1, 1, 120_000]]);
  });
});

import type { DesiredConversation } from '@bridge/contracts';
import { openDatabase } from '@bridge/postgres';
import { createIsolation, eventually, type Isolation } from '@bridge/testing';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { OperatorTables } from '../src/operator/operator-tables';
import { Conversations } from '../src/persistence/conversations';
import { deliveryMigrations } from '../src/persistence/migrations';
import { deliveryTables } from '../src/persistence/tables';

/**
 * A reprovision on the real Postgres: its start is one transaction (no reader sees the run over the old org's
 * reconciled records); to a new org, the conversations the old org was given go to the new one again from their
 * first event, and one kept only for a backfill is not sent.
 */
let isolation: Isolation;
let db: DataSource;
let conversations: Conversations;
let tables: OperatorTables;

beforeAll(async () => {
  isolation = await createIsolation('dreprov');
  db = await openDatabase({ url: isolation.databaseUrl, schema: isolation.schema }, deliveryMigrations);
  conversations = new Conversations(db, isolation.schema);
  tables = new OperatorTables(db, isolation.schema);
}, 60_000);

afterAll(async () => {
  await db?.destroy();
  await isolation?.dispose();
});

const conversation = (interactionId: string, n: number): DesiredConversation => ({
  interactionId,
  conversationId: `00000000-0000-4000-8000-00000000000${n}`,
  mediaType: 'call',
  channel: 'voice',
  complete: true,
  events: [
    {
      kind: 'communicationEnded',
      eventId: `00000000-0000-4000-8000-00000000001${n}`,
      eventDateTime: '2026-01-01T10:00:00.000Z',
      communicationId: `00000000-0000-4000-8000-00000000002${n}`,
      disconnectType: 'Peer',
    },
  ],
});

it('replicates every conversation the old org was given to a new org, and not one kept for a backfill', async () => {
  await conversations.store([{ document: conversation('1001', 1) }], true);
  await conversations.store([{ document: conversation('2002', 2) }], false);
  const [claimed] = await conversations.claim(60_000, { conversations: 10 });
  expect(claimed?.interactionId).toBe('1001');
  const sent = (claimed?.document.events ?? []).map((event) => event.eventId);
  await conversations.finish([
    {
      interactionId: '1001',
      revision: claimed?.revision ?? '',
      outcome: 'replicated',
      accepted: sent,
      skipped: [],
      failed: false,
    },
  ]);
  expect(await conversations.claim(60_000, { conversations: 10 })).toEqual([]);

  await tables.forgetOrg();

  const again = await conversations.claim(60_000, { conversations: 10 });
  expect(again.map((c) => [c.interactionId, c.accepted.size, c.skipped.size, c.attempts])).toEqual([
    ['1001', 0, 0, 0],
  ]);
  expect(await conversations.counts()).toMatchObject({ pending: 2, replicated: 0 });
});

it('records a run together with its records made due: while it starts, no reader sees it over the old org', async () => {
  const { objects } = deliveryTables(isolation.schema);
  await db.query(
    `INSERT INTO ${objects} (kind, key, priority, present, document, dirty)
     VALUES ('skill', 'held', 0, true, '{}', false), ('skill', 'free', 0, true, '{}', false)`,
  );
  // Another session holds one record: the start waits for it with its run written but not committed.
  const holder = db.createQueryRunner();
  await holder.connect();
  await holder.startTransaction();
  await holder.query(`SELECT 1 FROM ${objects} WHERE key = 'held' FOR UPDATE`);
  const starting = tables.startRun(randomUUID(), 'sameOrg', 'e2e-admin');
  try {
    await waitForLockWait(objects);
    expect(await tables.runningRun()).toBeUndefined();
  } finally {
    await holder.rollbackTransaction();
    await holder.release();
  }
  const run = await starting;

  expect((await tables.runningRun())?.runId).toBe(run.runId);
  expect(await tables.kindCounts()).toEqual([{ kind: 'skill', total: 2, done: 0, failed: 0 }]);
  await tables.followRunningRun(async (_found, held) => void (await held.finish()));
});

it('lets one look at a time follow the running run, and keeps its finish only when the look succeeds', async () => {
  const run = await tables.startRun(randomUUID(), 'sameOrg', 'e2e-admin');
  const looked: string[] = [];
  let release: () => void = () => undefined;
  const holding = tables.followRunningRun(async (found) => {
    looked.push(`first ${found.runId === run.runId}`);
    await new Promise<void>((resolve) => (release = resolve));
  });
  await eventually(async () => (looked.length === 1 ? true : undefined));
  // Another instance's look skips the run while the first holds it.
  await tables.followRunningRun(async () => void looked.push('second'));
  release();
  await holding;
  expect(looked).toEqual(['first true']);

  // A look that fails after finishing keeps neither the finish nor the mapping it recorded.
  await expect(
    tables.followRunningRun(async (_found, held) => {
      await held.saveMapping({ published: 1, total: 1 });
      await held.finish();
      throw new Error('not published');
    }),
  ).rejects.toThrow('not published');
  expect(await tables.runningRun()).toEqual(expect.objectContaining({ runId: run.runId }));
  expect((await tables.runningRun())?.mapping).toBeUndefined();

  let finishedAt: Date | undefined;
  await tables.followRunningRun(async (_found, held) => void (finishedAt = await held.finish()));
  expect(await tables.runningRun()).toBeUndefined();
  expect((await tables.run(run.runId))?.finishedAt).toEqual(finishedAt);
});

/** Until a statement on `table` waits for a row lock. */
async function waitForLockWait(table: string): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const [row] = await db.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM pg_stat_activity
       WHERE datname = current_database() AND wait_event_type = 'Lock' AND position($1 in query) > 0`,
      [table],
    );
    if ((row?.n ?? 0) > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`no statement waited for a lock on ${table}`);
}

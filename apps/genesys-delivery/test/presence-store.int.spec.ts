import { openDatabase } from '@bridge/postgres';
import { createIsolation, type Isolation } from '@bridge/testing';
import type { DataSource } from 'typeorm';
import type { DesiredPresence } from '@bridge/contracts';
import { deliveryMigrations } from '../src/persistence/migrations';
import { Presences, type DesiredUserPresence } from '../src/persistence/presences';

/**
 * The presence table on the real Postgres under a status storm's two writers at once: the consumer storing the
 * latest presences of many users while the lane records the outcome of a round over the same users. Each writes
 * its batch in the order it has; the rows must be taken in one order, or Postgres fails one of the two as a
 * deadlock (after a second) and the consumer's batch is handled again message by message.
 */
let isolation: Isolation;
let db: DataSource;
let presences: Presences;

beforeAll(async () => {
  isolation = await createIsolation('pstore');
  db = await openDatabase({ url: isolation.databaseUrl, schema: isolation.schema }, deliveryMigrations);
  presences = new Presences(db, isolation.schema);
}, 60_000);

afterAll(async () => {
  await db?.destroy();
  await isolation?.dispose();
});

const keys = Array.from({ length: 2000 }, (_, i) => `agent${String(i).padStart(4, '0')}`);

const desired = (key: string, sequence: number): DesiredUserPresence => {
  const document: DesiredPresence = {
    statusId: 'Available',
    systemPresence: 'OnQueue',
    routingStatus: 'IDLE',
    changedAt: '2026-12-01T10:00:00.000Z',
    sequence,
  };
  return { key, desired: { present: true, document } };
};

it('stores a storm of presences while rounds finish over the same users, without a deadlock', async () => {
  await presences.store(keys.map((key) => desired(key, 1)));
  const failures: unknown[] = [];
  for (let round = 2; round < 12; round++) {
    const claimed = await presences.claim(60_000, keys.length);
    // Opposite orders, as the consumer's batch (arrival order) and the lane's round (claim order) may have.
    const stored = [...keys].reverse().map((key) => desired(key, round));
    const finished = claimed
      .sort((a, b) => a.key.localeCompare(b.key))
      .map(({ key, revision }) => ({ key, revision, outcome: 'done' as const }));
    const outcomes = await Promise.allSettled([presences.store(stored), presences.finish(finished)]);
    for (const outcome of outcomes) if (outcome.status === 'rejected') failures.push(outcome.reason);
    expect(failures).toEqual([]);
    expect(claimed).toHaveLength(keys.length);
  }
  // Every store came after the rounds it overlapped or before them: each user is due with its newest change.
  const last = await presences.claim(60_000, keys.length);
  expect(last.map(({ desired: d }) => (d.present ? d.document.sequence : -1))).toEqual(keys.map(() => 11));
}, 120_000);

it('wakes a presence at once when what it waits for became live during its round', async () => {
  const [late, early] = ['late.user', 'early.user'];
  await presences.store([desired(late, 1), desired(early, 1)]);
  const claimed = await presences.claim(60_000, keys.length + 2);
  const revisionOf = (key: string) => claimed.find((presence) => presence.key === key)?.revision ?? '';
  // The reconciler makes the late user live while the round plans its wait, before the wait is recorded.
  await db.query(
    `INSERT INTO "${isolation.schema}".delivery_id_mappings (kind, key, genesys_id, origin, name, live, actual)
     VALUES ('user', $1, 'g-late', 'created', $1, true, '{}')`,
    [late],
  );
  await presences.finish(
    [late, early].map((key) => ({
      key,
      revision: revisionOf(key),
      outcome: 'wait' as const,
      on: 'user' as const,
      delayMs: 60_000,
    })),
  );
  expect((await presences.claim(60_000, keys.length + 2)).map((presence) => presence.key)).toEqual([late]);
});

it('counts as backlog each user whose presence waits to be sent, until it is sent', async () => {
  const before = await presences.backlog();
  const [first, second] = ['backlog.first', 'backlog.second'];
  await presences.store([desired(first, 1), desired(second, 1), desired(first, 2)]);
  expect(await presences.backlog()).toBe(before + 2);
  const claimed = (await presences.claim(60_000, keys.length + 4)).filter((p) => p.key === first);
  await presences.finish(claimed.map(({ key, revision }) => ({ key, revision, outcome: 'done' as const })));
  expect(await presences.backlog()).toBe(before + 1);
});

it('stores a batch of presences in one round trip, no transaction around it', async () => {
  const query = jest.spyOn(db, 'query');
  const transaction = jest.spyOn(db, 'transaction');
  try {
    await presences.store([desired('solo1', 1), desired('solo2', 1)]);
    expect(query).toHaveBeenCalledTimes(1);
    expect(transaction).not.toHaveBeenCalled();
  } finally {
    query.mockRestore();
    transaction.mockRestore();
  }
  const claimed = await presences.claim(60_000, keys.length + 2);
  expect(
    claimed
      .map((c) => c.key)
      .filter((key) => key.startsWith('solo'))
      .sort(),
  ).toEqual(['solo1', 'solo2']);
});

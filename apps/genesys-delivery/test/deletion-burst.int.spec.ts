import { openDatabase } from '@bridge/postgres';
import { createIsolation, type Isolation } from '@bridge/testing';
import type { DataSource } from 'typeorm';
import { DeletionPauses } from '../src/persistence/deletion-pauses';
import { DesiredObjects, type CausedDocument } from '../src/persistence/desired-objects';
import { IdMap } from '../src/persistence/id-map';
import { deliveryMigrations } from '../src/persistence/migrations';

/**
 * A mass deletion as CIC sends it, one object at a time, on the real Postgres: each deletion of a managed object
 * restarts the settle time of the others of its kind still settling, so however slowly the burst arrives the
 * deletion guard weighs it whole; and an open pause shows every deletion that joined it.
 */
const SETTLE_MS = 1_000;

let isolation: Isolation;
let db: DataSource;
let objects: DesiredObjects;
let idMap: IdMap;
let pauses: DeletionPauses;

beforeAll(async () => {
  isolation = await createIsolation('dburst');
  db = await openDatabase({ url: isolation.databaseUrl, schema: isolation.schema }, deliveryMigrations);
  objects = new DesiredObjects(db, isolation.schema);
  idMap = new IdMap(db, isolation.schema, objects);
  pauses = new DeletionPauses(db, isolation.schema, objects);
  // Four skills the bridge made; a fifth CIC never had synced (nothing to delete in Genesys).
  const keys = ['a', 'b', 'c', 'd'];
  await objects.store(
    keys.map((key) => ({ kind: 'skill', key, desired: { present: true, document: { name: key } } })),
    SETTLE_MS,
  );
  await idMap.save(
    keys.map((key) => ({
      kind: 'skill',
      key,
      genesysId: `g-${key}`,
      origin: 'created',
      name: key,
      live: true,
      actual: { id: `g-${key}`, name: key },
    })),
  );
}, 60_000);

afterAll(async () => {
  await db?.destroy();
  await isolation?.dispose();
});

const deleted = (key: string): CausedDocument => ({
  kind: 'skill',
  key,
  desired: { present: false, reason: 'removedFromCic' },
});

/** How long from now until each object may be reconciled, in milliseconds. */
async function dueIn(keys: readonly string[]): Promise<Record<string, number>> {
  const rows = await db.query<{ key: string; ms: number }[]>(
    `SELECT key, (extract(epoch FROM not_before - now()) * 1000)::int AS ms
     FROM "${isolation.schema}".delivery_objects WHERE kind = 'skill' AND key = ANY($1)`,
    [keys],
  );
  return Object.fromEntries(rows.map((row) => [row.key, row.ms]));
}

it('restarts the settle time of a kind’s deletions still settling when another arrives', async () => {
  await objects.store([deleted('a')], SETTLE_MS);
  await new Promise((resolve) => setTimeout(resolve, 400));
  const before = await dueIn(['a']);
  await objects.store([deleted('b')], SETTLE_MS);
  const after = await dueIn(['a', 'b']);
  expect(before['a']).toBeLessThan(SETTLE_MS - 300);
  // Both wait the whole settle time again, from b's arrival.
  expect(after['a']).toBeGreaterThan(SETTLE_MS - 200);
  expect(Math.abs((after['a'] ?? 0) - (after['b'] ?? 0))).toBeLessThan(50);
  expect(await pauses.facts('skill')).toMatchObject({ pending: 2, managed: 4 });
});

it('leaves the settle time alone for an object with nothing in Genesys to delete', async () => {
  const before = await dueIn(['a']);
  await new Promise((resolve) => setTimeout(resolve, 200));
  await objects.store([deleted('never-synced')], SETTLE_MS);
  const after = await dueIn(['a']);
  expect(after['a']).toBeLessThan((before['a'] ?? 0) - 100);
});

it('shows every deletion that joins an open pause, and keeps a confirmed one as it was', async () => {
  await pauses.pause('skill', 2, 4, 0.5);
  await pauses.pause('skill', 3, 4, 0.75);
  expect(await pauses.list()).toMatchObject([{ kind: 'skill', pending: 3, managed: 4, share: 0.75 }]);
  await pauses.confirm('skill');
  await pauses.pause('skill', 4, 4, 1);
  const [confirmed] = await pauses.list();
  expect(confirmed).toMatchObject({ kind: 'skill', pending: 3 });
  expect(confirmed?.confirmedAt).not.toBeNull();
});

it('restarts the settle time when a deletion comes again, and keeps its newer MAPPING time', async () => {
  await objects.store([{ ...deleted('c'), mappedAtNanos: 10n }], SETTLE_MS);
  await new Promise((resolve) => setTimeout(resolve, 400));
  // The same document, stored again by MAPPING: nothing to upsert, but the settle restart and the newer time
  // both fall on the row.
  await objects.store([{ ...deleted('c'), mappedAtNanos: 20n }], SETTLE_MS);
  expect((await dueIn(['c']))['c']).toBeGreaterThan(SETTLE_MS - 200);
  const [row] = await db.query<{ mapped_at_ns: string }[]>(
    `SELECT mapped_at_ns FROM "${isolation.schema}".delivery_objects WHERE kind = 'skill' AND key = 'c'`,
  );
  expect(row?.mapped_at_ns).toBe('20');
});

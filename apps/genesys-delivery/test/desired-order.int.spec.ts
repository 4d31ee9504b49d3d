import { openDatabase } from '@bridge/postgres';
import { createIsolation, type Isolation } from '@bridge/testing';
import type { DataSource } from 'typeorm';
import { DesiredObjects, type CausedDocument } from '../src/persistence/desired-objects';
import { deliveryMigrations } from '../src/persistence/migrations';

/**
 * Stored desired documents against redelivery on the real Postgres: two delivery instances share the MAPPING
 * consumer, and a killed one's unacked batch is delivered again, to the other, after newer documents; the
 * object keeps the newest by MAPPING's own clock, whatever order they arrive in.
 */
let isolation: Isolation;
let db: DataSource;
let objects: DesiredObjects;

beforeAll(async () => {
  isolation = await createIsolation('dorder');
  db = await openDatabase({ url: isolation.databaseUrl, schema: isolation.schema }, deliveryMigrations);
  objects = new DesiredObjects(db, isolation.schema);
}, 60_000);

afterAll(async () => {
  await db?.destroy();
  await isolation?.dispose();
});

const skill = (key: string, name: string, mappedAtNanos: bigint): CausedDocument => ({
  kind: 'skill',
  key,
  desired: { present: true, document: { name } },
  mappedAtNanos,
});

async function storedName(key: string): Promise<string | undefined> {
  const [row] = await db.query<{ name: string }[]>(
    `SELECT document->>'name' AS name FROM "${isolation.schema}".delivery_objects WHERE kind = 'skill' AND key = $1`,
    [key],
  );
  return row?.name;
}

it('keeps the newer document when an older one is delivered again after it', async () => {
  const stored = [
    await objects.store([skill('billing', 'Billing', 10n)], 0),
    await objects.store([skill('billing', 'Billing renamed', 20n)], 0),
    await objects.store([skill('billing', 'Billing', 10n)], 0),
    await objects.store([skill('billing', 'Billing renamed', 20n)], 0),
  ];
  expect(await storedName('billing')).toBe('Billing renamed');
  // What was marked dirty, which alone wakes the workers: neither the older document nor the redelivery.
  expect(stored).toEqual([1, 1, 0, 0]);
});

it('keeps the newest of one batch, in whatever order the batch holds them', async () => {
  await objects.store([skill('sales', 'Sales 3', 30n), skill('sales', 'Sales 1', 10n)], 0);
  expect(await storedName('sales')).toBe('Sales 3');
});

it('lets no older document pass a newer one that changed nothing (a rename and its undo)', async () => {
  await objects.store([skill('support', 'Support', 10n)], 0);
  // Renamed and renamed back: the rename's delivery is lost with its instance, the undo arrives first.
  await objects.store([skill('support', 'Support', 30n)], 0);
  await objects.store([skill('support', 'Support renamed', 20n)], 0);
  expect(await storedName('support')).toBe('Support');
});

it('stores a batch in one round trip, no transaction around it', async () => {
  const query = jest.spyOn(db, 'query');
  const transaction = jest.spyOn(db, 'transaction');
  try {
    await objects.store([skill('one', 'One', 10n), skill('two', 'Two', 10n)], 0);
    expect(query).toHaveBeenCalledTimes(1);
    expect(transaction).not.toHaveBeenCalled();
  } finally {
    query.mockRestore();
    transaction.mockRestore();
  }
  expect(await storedName('two')).toBe('Two');
});

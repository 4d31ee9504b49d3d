import { createIsolation, type Isolation } from '@bridge/testing';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { ensureDatabase, openDatabase } from '@bridge/postgres';
import { appendLock } from './append-protocol';
import { migrations, openEventStoreDatabase } from './data-source';
import { WrongExpectedVersionError } from './event-store';
import { describeEventStoreContract } from './event-store.contract';
import { PostgresEventStore } from './postgres-event-store';

let isolation: Isolation;
let dataSource: DataSource;

beforeAll(async () => {
  isolation = await createIsolation('eventstore');
  dataSource = await openEventStoreDatabase({ url: isolation.databaseUrl, schema: isolation.schema });
});
afterAll(async () => {
  await dataSource.destroy();
  await isolation.dispose();
});

describeEventStoreContract('postgres', async () => new PostgresEventStore(dataSource, isolation.schema));

describe('PostgresEventStore under concurrency', () => {
  it('lets exactly one of two concurrent appends with the same expected version win', async () => {
    // Two stores on two pools: the appends really race on the server.
    const other = await openEventStoreDatabase({ url: isolation.databaseUrl, schema: isolation.schema });
    try {
      const stream = `cic-user:${randomUUID()}`;
      const event = () => ({ id: randomUUID(), type: 'CicUserChanged', data: {} });
      const results = await Promise.allSettled([
        new PostgresEventStore(dataSource, isolation.schema).append(stream, 'noStream', [event()]),
        new PostgresEventStore(other, isolation.schema).append(stream, 'noStream', [event()]),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const failure = results.find((r) => r.status === 'rejected');
      expect(failure?.reason).toBeInstanceOf(WrongExpectedVersionError);
    } finally {
      await other.destroy();
    }
  });

  it('migrates once when several services open the database together', async () => {
    const schema = `${isolation.schema}_m`;
    const opened = await Promise.all(
      [1, 2, 3].map(() => openEventStoreDatabase({ url: isolation.databaseUrl, schema })),
    );
    const rows = await dataSource.query<{ name: string }[]>(
      `SELECT name FROM "${schema}".migrations ORDER BY id`,
    );
    // Each migration ran exactly once, although three processes raced to run them.
    expect(rows.map((r) => r.name)).toEqual(migrations.map((m) => new m().name));
    await Promise.all(opened.map((d) => d.destroy()));
    await dataSource.query(`DROP SCHEMA "${schema}" CASCADE`);
  });

  it('creates a missing database once when several services start together on a fresh server', async () => {
    const name = `bridge_fresh_${randomUUID().slice(0, 8)}`;
    const url = new URL(isolation.databaseUrl);
    url.pathname = `/${name}`;
    try {
      await Promise.all([1, 2, 3, 4].map(() => ensureDatabase(url.toString())));
      const rows = await dataSource.query<unknown[]>('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
      expect(rows).toHaveLength(1);
    } finally {
      await dataSource.query(`DROP DATABASE IF EXISTS "${name}"`);
    }
  });

  it('opens sessions that commit asynchronously when asked, and synchronously by default', async () => {
    const relaxed = await openEventStoreDatabase({
      url: isolation.databaseUrl,
      schema: isolation.schema,
      synchronousCommit: false,
    });
    try {
      const setting = async (db: DataSource) =>
        (await db.query<{ synchronous_commit: string }[]>('SHOW synchronous_commit'))[0]?.synchronous_commit;
      expect(await setting(relaxed)).toBe('off');
      expect(await setting(dataSource)).toBe('on');
    } finally {
      await relaxed.destroy();
    }
  });

  it('upgrades a store that already holds events in place, keeping them and their order', async () => {
    const schema = `${isolation.schema}_u`;
    const tried = migrations.findIndex((m) => new m().name === 'TryAppend1765520000000');
    const old = await openDatabase({ url: isolation.databaseUrl, schema }, migrations.slice(0, tried));
    const stream = `cic-user:${randomUUID()}`;
    const stored = [randomUUID(), randomUUID()];
    try {
      await old.query(`SELECT "${schema}".append_events($1::jsonb, 'unused')`, [
        JSON.stringify([
          { streamId: stream, expectedVersion: 0, events: stored.map((id) => ({ id, type: 'A', data: {} })) },
        ]),
      ]);
    } finally {
      await old.destroy();
    }
    const upgraded = await openEventStoreDatabase({ url: isolation.databaseUrl, schema });
    try {
      const store = new PostgresEventStore(upgraded, schema);
      // The stored ids still make a retry a no-op, and the stored version still holds writers to it.
      expect(await store.append(stream, 0, [{ id: stored[1] ?? '', type: 'A', data: {} }])).toEqual({
        streamId: stream,
        nextVersion: 2,
        appended: 0,
      });
      await expect(
        store.append(stream, 1, [{ id: randomUUID(), type: 'B', data: {} }]),
      ).rejects.toMatchObject({
        actualVersion: 2,
      });
      await store.append(stream, 2, [{ id: randomUUID(), type: 'B', data: {} }]);
      expect((await store.readAll(0, 10)).map((e) => [e.streamVersion, e.type])).toEqual([
        [1, 'A'],
        [2, 'A'],
        [3, 'B'],
      ]);
    } finally {
      await upgraded.destroy();
      await dataSource.query(`DROP SCHEMA "${schema}" CASCADE`);
    }
  });

  it('serialises the appends of one event store only, not of every store in the database', async () => {
    const schema = `${isolation.schema}_l`;
    const neighbour = await openEventStoreDatabase({ url: isolation.databaseUrl, schema });
    const holder = dataSource.createQueryRunner();
    const appended = (store: PostgresEventStore) =>
      store.append(`cic-user:${randomUUID()}`, 'any', [{ id: randomUUID(), type: 'A', data: {} }]);
    const settledWithin = (ms: number, work: Promise<unknown>) =>
      Promise.race([work.then(() => true), new Promise((resolve) => setTimeout(() => resolve(false), ms))]);
    try {
      // An append of this store in flight: its transaction holds the store's append lock.
      await holder.startTransaction();
      await holder.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [appendLock, isolation.schema]);
      const waiting = appended(new PostgresEventStore(dataSource, isolation.schema));
      expect(await settledWithin(500, waiting)).toBe(false);
      expect(await settledWithin(5_000, appended(new PostgresEventStore(neighbour, schema)))).toBe(true);
      await holder.commitTransaction();
      expect(await settledWithin(5_000, waiting)).toBe(true);
    } finally {
      if (holder.isTransactionActive) await holder.rollbackTransaction();
      await holder.release();
      await neighbour.destroy();
      await dataSource.query(`DROP SCHEMA "${schema}" CASCADE`);
    }
  });
});

describe('PostgresEventStore.readNewestInBatch', () => {
  it("reads of readAll's batch its bounds and the newest event in it of each stream of the prefix", async () => {
    const store = new PostgresEventStore(dataSource, isolation.schema);
    const prefix = `newest-${randomUUID()}:`;
    const event = () => ({ id: randomUUID(), type: 'E', data: {} });
    const from = await store.lastPosition();
    for (const stream of ['other:1', 'a', 'a', 'other:2', 'b', 'a', 'b', 'other:3', 'a', 'c'])
      await store.append(stream.startsWith('other') ? `${stream}-${prefix}` : `${prefix}${stream}`, 'any', [
        event(),
      ]);
    const batch = await store.readAll(from, 8);

    const read = await store.readNewestInBatch(from, 8, prefix);

    // The first and last stay whatever their stream; a's newest in the batch stays although a later event of
    // a lies beyond it.
    expect(read).toEqual([batch[0], batch[5], batch[6], batch[7]]);
  });
});

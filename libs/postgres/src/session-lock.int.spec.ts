import { createIsolation, eventually, type Isolation } from '@bridge/testing';
import { Client } from 'pg';
import { SessionLock } from './session-lock';

let isolation: Isolation;
let admin: Client;
const locks: SessionLock[] = [];

beforeAll(async () => {
  isolation = await createIsolation('sessionlock');
  admin = new Client({ connectionString: isolation.databaseUrl });
  await admin.connect();
});

afterAll(async () => {
  await Promise.all(locks.map((lock) => lock.release()));
  await admin.end();
  await isolation.dispose();
});

function lockOf(name: string, pollIntervalMs = 100): SessionLock {
  const lock = new SessionLock({ databaseUrl: isolation.databaseUrl, name, pollIntervalMs });
  locks.push(lock);
  return lock;
}

it('checks the holder’s session one query at a time, however long a check takes', async () => {
  // Queries on one pg client must not overlap (pg queues them and deprecates it); checks every millisecond
  // outrun the round trip.
  const running = new Map<Client, number>();
  let overlapping = 0;
  const query = Client.prototype.query as (
    this: Client,
    text: string,
    values?: unknown[],
  ) => Promise<unknown>;
  function counted(this: Client, text: string, values?: unknown[]): Promise<unknown> {
    const now = (running.get(this) ?? 0) + 1;
    running.set(this, now);
    if (now > 1) overlapping++;
    return query.call(this, text, values).finally(() => running.set(this, (running.get(this) ?? 1) - 1));
  }
  Client.prototype.query = counted as Client['query'];
  try {
    await lockOf(`${isolation.schema}:four`, 1).acquire(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 500));
  } finally {
    Client.prototype.query = query as Client['query'];
  }
  expect(overlapping).toBe(0);
});

it('lets one holder in, and the next one as soon as the first one’s session ends', async () => {
  const name = `${isolation.schema}:one`;
  const lost: unknown[] = [];
  const waited: string[] = [];
  await lockOf(name).acquire(
    (error) => lost.push(error),
    async () => void waited.push('first'),
  );
  let second = false;
  const waiting = lockOf(name)
    .acquire(
      () => undefined,
      async () => void waited.push('second'),
    )
    .then(() => (second = true));
  await new Promise((resolve) => setTimeout(resolve, 500));
  expect(second).toBe(false);
  expect(waited).toEqual(['second']);

  // What a killed holder's end looks like to Postgres: its backend goes away.
  await admin.query(
    `SELECT pg_terminate_backend(pid) FROM pg_locks
     WHERE locktype = 'advisory' AND granted AND objid = hashtext($1)::oid`,
    [name],
  );
  await waiting;
  expect(second).toBe(true);
  await eventually(async () => (lost.length === 1 ? true : undefined), 5_000);
});

it('frees the lock when the holder releases it', async () => {
  const name = `${isolation.schema}:two`;
  const first = lockOf(name);
  await first.acquire(() => undefined);
  await first.release();
  await lockOf(name).acquire(() => undefined);
});

it('ends a wait when released, so nothing keeps asking for the lock', async () => {
  const name = `${isolation.schema}:three`;
  await lockOf(name).acquire(() => undefined);
  const waiter = lockOf(name);
  const waiting = waiter.acquire(() => undefined);
  await waiter.release();
  await expect(waiting).rejects.toThrow('released while waiting');
});

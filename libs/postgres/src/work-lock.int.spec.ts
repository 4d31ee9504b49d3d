import { createIsolation, eventually, type Isolation } from '@bridge/testing';
import { Client } from 'pg';
import { WorkLock } from './work-lock';

let isolation: Isolation;
let admin: Client;

beforeAll(async () => {
  isolation = await createIsolation('worklock');
  admin = new Client({ connectionString: isolation.databaseUrl });
  await admin.connect();
});

afterAll(async () => {
  await admin.end();
  await isolation.dispose();
});

it('passes the work on when its holder dies, and the one that lost it waits again', async () => {
  const name = `${isolation.schema}:work`;
  const lost: unknown[] = [];
  const lockOf = () =>
    new WorkLock({ databaseUrl: isolation.databaseUrl, name, pollIntervalMs: 100 }, (e) => lost.push(e));
  const [first, second] = [lockOf(), lockOf()];
  const held = (lock: WorkLock) =>
    eventually(async () => (lock.held(() => undefined) ? true : undefined), 5_000);
  try {
    await held(first);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(second.held(() => undefined)).toBe(false);

    // What a killed holder's end looks like to Postgres: its backend goes away.
    await admin.query(
      `SELECT pg_terminate_backend(pid) FROM pg_locks
       WHERE locktype = 'advisory' AND granted AND objid = hashtext($1)::oid`,
      [name],
    );
    await held(second);
    await eventually(async () => (lost.length === 1 ? true : undefined), 5_000);
    expect(first.held(() => undefined)).toBe(false);

    await second.release();
    await held(first);
  } finally {
    await Promise.all([first.release(), second.release()]);
  }
});

import type { DataSource } from 'typeorm';
import { PostgresRateGate } from './postgres-rate-gate';

/** A database whose first query fails (Postgres restarting), then answers with an untouched bucket. */
function restartingDatabase() {
  let queries = 0;
  return {
    query: async (sql: string) => {
      queries++;
      if (queries === 1) throw new Error('Connection terminated unexpectedly');
      if (sql.includes('INSERT')) return [];
      return [{ tokens: 10, updated_at_ms: '0', blocked_until_ms: '0', now_ms: '1000' }];
    },
  };
}

it('grants requests once the database is back, though the bucket could not be created while it was down', async () => {
  const db = restartingDatabase();
  const gate = new PostgresRateGate(db as unknown as DataSource, 'delivery', { perMinute: 0, burst: 10 });

  await expect(gate.acquire()).rejects.toThrow('Connection terminated unexpectedly');
  await expect(gate.acquire()).resolves.toBeUndefined();
});

/** A database that always answers with an untouched bucket and takes every write: the shared row never blocks. */
function neverBlockedDatabase() {
  return {
    query: async (sql: string) => {
      if (sql.includes('INSERT')) return [];
      if (sql.includes('UPDATE')) return [[{ name: 'genesys' }], 1];
      return [{ tokens: 10, updated_at_ms: '0', blocked_until_ms: '0', now_ms: String(Date.now()) }];
    },
  };
}

it('holds this process back for a Retry-After it received before the shared row says so', async () => {
  const db = neverBlockedDatabase();
  const gate = new PostgresRateGate(db as unknown as DataSource, 'delivery', { perMinute: 0, burst: 10 });
  await gate.acquire();
  await gate.rateLimited(300);
  const acquired = gate.acquire().then(() => 'acquired');
  const early = new Promise((resolve) => setTimeout(() => resolve('still waiting'), 150));
  expect(await Promise.race([acquired, early])).toBe('still waiting');
  expect(await acquired).toBe('acquired');
});

import { defaultRetrySettings } from '@bridge/delivery-planning';
import type { ClaimedObject, DeliveryStore } from '../persistence/delivery-store';
import { DeliveryWorkers } from './delivery-workers';
import type { Reconciler } from './reconciler';

/** A user on its last attempt before quarantine, and a store that records what the worker released. */
function given(failure: unknown) {
  const object: ClaimedObject = {
    kind: 'user',
    key: 'ann',
    present: true,
    document: {},
    reason: null,
    revision: '1',
    attempts: defaultRetrySettings.maxAttempts - 1,
    recovered: false,
    entry: undefined,
  };
  const released: { attempts: number; quarantined: boolean }[] = [];
  const store = {
    claim: async () => [object],
    renew: async () => undefined,
    release: async (_: ClaimedObject, _delayMs: number, attempts: number, quarantined = false) =>
      void released.push({ attempts, quarantined }),
    idMapEntry: async () => undefined,
    saveIdMap: async () => undefined,
    redirtyReferrers: async () => undefined,
    saveStatuses: async () => [],
    finish: async () => undefined,
  };
  const reconciler = {
    references: async () => ({ live: () => undefined, pending: () => false }),
    reconcile: async () => {
      throw failure;
    },
  };
  const workers = new DeliveryWorkers(
    store as unknown as DeliveryStore,
    reconciler as unknown as Reconciler,
    { publish: async () => ({}) as never },
    { workers: 1, batch: 1, pollMs: 10, leaseMs: 3000, retry: defaultRetrySettings },
    { warn: () => undefined },
  );
  return { workers, released };
}

it('quarantines a record whose last attempt failed', async () => {
  const { workers, released } = given(new Error('unexpected answer'));
  await workers.step();
  expect(released).toEqual([{ attempts: defaultRetrySettings.maxAttempts, quarantined: true }]);
});

it.each([
  ['a connection ended mid-query', new Error('Connection terminated unexpectedly')],
  [
    'a refused connection',
    Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
  ],
  [
    'a database shutting down (TypeORM)',
    Object.assign(new Error('terminating connection due to administrator command'), {
      driverError: { code: '57P01' },
    }),
  ],
  [
    'a database starting up',
    Object.assign(new Error('the database system is starting up'), { code: '57P03' }),
  ],
])('counts no attempt against the record when Postgres is unavailable: %s', async (_, failure) => {
  const { workers, released } = given(failure);
  await expect(workers.step()).rejects.toBe(failure);
  expect(released).toEqual([]);
});

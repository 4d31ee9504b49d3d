import type { AttemptCall, DriftOfRecord } from '@bridge/contracts';
import { defaultRetrySettings, type TerminalStep } from '@bridge/delivery-planning';
import type { ClaimedObject } from '../persistence/desired-objects';
import { DeliveryWorkers, type WorkerTables } from './delivery-workers';

/** Skills, the simplest documents: what the workers do is the same for every kind. */
const billing: ClaimedObject = {
  kind: 'skill',
  key: 'billing',
  desired: { present: true, document: { name: 'Billing' } },
  entry: undefined,
  revision: '1',
  attempts: 0,
  recovered: false,
  traces: [],
};
const billingEntry = {
  kind: 'skill',
  key: 'billing',
  genesysId: 'g-billing',
  origin: 'created',
  name: 'Billing',
  live: true,
  actual: { id: 'g-billing', name: 'Billing' },
} as const;
const now = new Date('2026-01-01T00:00:00Z');

/** Workers over one batch of objects, each reconciled as `reconcile` says; the tables record what they were told. */
function given(
  objects: readonly ClaimedObject[],
  reconcile: (object: ClaimedObject, calls: AttemptCall[]) => TerminalStep | Error,
  audit: { drifts?: Map<string, DriftOfRecord[]>; statusUnchanged?: boolean } = {},
) {
  const log: string[] = [];
  const released: { key: string; delayMs: number; attempts: number; quarantined: boolean }[] = [];
  const published: unknown[] = [];
  const tables: WorkerTables = {
    objects: {
      claim: async () => [...objects],
      renew: async () => undefined,
      release: async (object, delayMs, attempts, quarantined = false) => {
        released.push({ key: object.key, delayMs, attempts, quarantined });
        log.push(`release ${object.key}`);
      },
      redirtyReferrers: async (kind, keys) => void log.push(`redirty ${kind} ${keys.join()}`),
      finish: async (done) => void log.push(`finish ${done.map((o) => o.key).join()}`),
    },
    presences: { redirtyWaiting: async (on, keys) => void log.push(`presences ${on} ${keys.join()}`) },
    idMap: {
      entry: async () => undefined,
      save: async (entries) => void log.push(`save ${entries.map((e) => e.genesysId).join()}`),
    },
    statuses: {
      save: async (records) => {
        log.push(`statuses ${records.map((r) => `${r.key}=${r.status.status}`).join()}`);
        if (audit.statusUnchanged) return [];
        return records.map(({ kind, key }) => ({ kind, key, lastSynchronizedAt: undefined }));
      },
    },
    ...(audit.drifts ? { drifts: { take: async () => audit.drifts ?? new Map() } } : {}),
  };
  const reconciler = {
    references: async () => ({ live: () => undefined, pending: () => false }),
    reconcile: async (object: ClaimedObject, _: unknown, calls: AttemptCall[] = []) => {
      const step = reconcile(object, calls);
      if (step instanceof Error) throw step;
      return step;
    },
  };
  const workers = new DeliveryWorkers(
    tables,
    reconciler,
    { publish: async (envelope) => void published.push(envelope) as never },
    { workers: 1, batch: 8, pollMs: 10, leaseMs: 3000, retry: defaultRetrySettings },
    { warn: () => undefined },
    () => 0.5,
    () => now,
  );
  return { workers, log, released, published };
}

it("writes a created object's id map entry, its referrers and its status with the batch, then finishes it", async () => {
  const { workers, log, published } = given([billing, { ...billing, key: 'sales' }], (object) =>
    object.key === 'billing'
      ? {
          type: 'done',
          status: { status: 'synced', genesysId: 'g-billing' },
          synchronized: true,
          becameLive: true,
          unsaved: billingEntry,
        }
      : { type: 'wait', delayMs: 250 },
  );
  expect(await workers.step()).toBe(true);
  expect(log).toEqual([
    'save g-billing',
    'redirty skill billing',
    'statuses billing=synced',
    'release sales',
    'finish billing',
  ]);
  expect(published).toMatchObject([
    { data: { key: 'billing', genesysId: 'g-billing', lastSynchronizedAt: now.toISOString() } },
  ]);
});

it('releases an object that waits, counting no attempt', async () => {
  const { workers, released } = given([billing], () => ({ type: 'wait', delayMs: 250 }));
  await workers.step();
  expect(released).toEqual([{ key: 'billing', delayMs: 250, attempts: 0, quarantined: false }]);
});

it('retries a failed Genesys call later, with an error status', async () => {
  const failure = { kind: 'unavailable', status: 503, code: 'unavailable', message: 'down' } as const;
  const { workers, released, log } = given([billing], () => ({ type: 'fail', failure }));
  await workers.step();
  expect(released).toMatchObject([{ key: 'billing', attempts: 1, quarantined: false }]);
  expect(released[0]?.delayMs).toBeGreaterThan(0);
  // Released after its status is saved: another instance that takes it up next cannot have its newer status
  // overwritten by this older one.
  expect(log).toEqual(['save ', 'statuses billing=error', 'release billing', 'finish ']);
});

it('quarantines a record whose last attempt failed', async () => {
  const last = { ...billing, attempts: defaultRetrySettings.maxAttempts - 1 };
  const { workers, released } = given([last], () => new Error('unexpected answer'));
  await workers.step();
  expect(released).toEqual([
    { key: 'billing', delayMs: 0, attempts: defaultRetrySettings.maxAttempts, quarantined: true },
  ]);
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
  const { workers, released } = given([billing], () => failure);
  await expect(workers.step()).rejects.toBe(failure);
  expect(released).toEqual([]);
});

it("shows the drift the audit found in the repair's outcome, even when the status did not change", async () => {
  const drift = [{ field: 'object', desiredValue: 'Billing' }];
  const { workers, published } = given(
    [billing],
    () => ({
      type: 'done',
      status: { status: 'synced', genesysId: 'g-billing' },
      synchronized: false,
      becameLive: false,
    }),
    { drifts: new Map([['skill:billing', drift]]), statusUnchanged: true },
  );
  await workers.step();
  expect(published).toMatchObject([{ data: { kind: 'skill', key: 'billing', status: 'synced', drift } }]);
});

it('publishes nothing for a record whose status did not change and that had no drift', async () => {
  const { workers, published } = given(
    [billing],
    () => ({
      type: 'done',
      status: { status: 'synced', genesysId: 'g-billing' },
      synchronized: false,
      becameLive: false,
    }),
    { drifts: new Map(), statusUnchanged: true },
  );
  await workers.step();
  expect(published).toEqual([]);
});

it("shows a failed attempt's requests and answers, even when the status did not change", async () => {
  const failure = { kind: 'unavailable', status: 503, code: 'unavailable', message: 'down' } as const;
  const request = { method: 'POST', path: '/api/v2/routing/skills', request: '{ name }', durationMs: 4 };
  const { workers, published } = given(
    [{ ...billing, attempts: 2 }],
    (_, calls) => {
      calls.push({ ...request, status: 503, answer: 'unavailable: down' });
      return { type: 'fail', failure };
    },
    { statusUnchanged: true },
  );
  await workers.step();
  expect(published).toMatchObject([
    {
      data: {
        status: 'error',
        attempt: { number: 3, calls: [{ ...request, status: 503, answer: 'unavailable: down' }] },
      },
    },
  ]);
});

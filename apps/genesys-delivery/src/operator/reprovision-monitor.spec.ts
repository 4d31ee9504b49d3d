import type { ReprovisionProgress } from '@bridge/contracts';
import type { ReprovisionRun } from '@bridge/delivery-planning';
import type { OperatorTables } from './operator-tables';
import { ReprovisionMonitor } from './reprovision-monitor';

const startedAt = new Date('2026-12-01T10:00:00Z');
const progress = (state: 'running' | 'finished', percent: number): ReprovisionProgress => ({
  runId: '2d7a3f0e-8d8e-4a51-9a35-2f1f6c1f2a10',
  target: 'newOrg',
  operator: 'admin',
  startedAt: startedAt.toISOString(),
  state,
  phases: [],
  percent,
});

/** A monitor over one running run whose progress the test sets; the tables and publisher record. */
function given(run: ReprovisionRun, nowSeconds: number) {
  const log: string[] = [];
  const published: ReprovisionProgress[] = [];
  let current = progress('running', 10);
  const monitor = new ReprovisionMonitor(
    {
      followRunningRun: (follow) =>
        follow(run, {
          finish: async () => (log.push('finish'), new Date('2026-12-01T10:05:00Z')),
          saveMapping: async (mapping) => void log.push(`mapping ${JSON.stringify(mapping)}`),
        }),
    },
    {
      progressOf: async (seen) => {
        log.push(`progress of ${seen.mapping ? JSON.stringify(seen.mapping) : 'no mapping'}`);
        return current;
      },
    },
    { publish: async (envelope) => void published.push(envelope.data as ReprovisionProgress) as never },
    { intervalMs: 1000, mappingTimeoutMs: 60_000 },
    (error) => {
      throw error;
    },
    () => new Date(startedAt.getTime() + nowSeconds * 1000),
  );
  return { monitor, log, published, set: (next: ReprovisionProgress) => (current = next) };
}

const run: ReprovisionRun = {
  runId: progress('running', 0).runId,
  target: 'newOrg',
  operator: 'admin',
  startedAt,
};

it('publishes progress only when it changed, and the finish once, with its time', async () => {
  const { monitor, published, set } = given({ ...run, mapping: { published: 1, total: 1 } }, 5);
  await monitor.tick();
  await monitor.tick();
  set({ ...progress('running', 10), etaSeconds: 3 });
  await monitor.tick();
  set(progress('finished', 100));
  await monitor.tick();
  expect(published.map((p) => [p.state, p.percent, p.finishedAt])).toEqual([
    ['running', 10, undefined],
    ['finished', 100, '2026-12-01T10:05:00.000Z'],
  ]);
});

it('records the mapping phase failed once object-mapping is past its time, so the run can end', async () => {
  const early = given(run, 30);
  await early.monitor.tick();
  expect(early.log).toEqual(['progress of no mapping']);
  const late = given(run, 61);
  await late.monitor.tick();
  expect(late.log).toEqual([
    'mapping {"error":"object-mapping did not answer the rebuild in time"}',
    'progress of {"error":"object-mapping did not answer the rebuild in time"}',
  ]);
});

/**
 * Two instances' monitors over one run, on tables that hold the run's row as Postgres does (`FOR UPDATE SKIP
 * LOCKED`, kept only when the look succeeds), and a publisher that stores in the order it is called.
 */
function twoInstances() {
  const published: ReprovisionProgress[] = [];
  let finishedAt: Date | undefined;
  let held = false;
  const stored = (): ReprovisionRun => ({
    ...run,
    mapping: { published: 1, total: 1 },
    ...(finishedAt ? { finishedAt } : {}),
  });
  const tables: Pick<OperatorTables, 'followRunningRun'> = {
    followRunningRun: async (follow) => {
      if (held || finishedAt) return;
      held = true;
      let finishing: Date | undefined;
      try {
        await follow(stored(), {
          saveMapping: async () => undefined,
          finish: async () => (finishing = new Date('2026-12-01T10:05:00Z')),
        });
        finishedAt = finishing ?? finishedAt;
      } finally {
        held = false;
      }
    },
  };
  let failPublish = false;
  const publisher = {
    publish: async (envelope: { data: unknown }) => {
      if (failPublish) throw new Error('no ack');
      published.push(envelope.data as ReprovisionProgress);
      return undefined as never;
    },
  };
  const monitor = (progressOf: () => Promise<ReprovisionProgress>) =>
    new ReprovisionMonitor(
      tables,
      { progressOf },
      publisher,
      { intervalMs: 1000, mappingTimeoutMs: 60_000 },
      () => undefined,
    );
  return { monitor, published, failing: (fail: boolean) => (failPublish = fail), finished: () => finishedAt };
}

it('publishes nothing after the finish when another instance looked at the run first and answers late', async () => {
  const { monitor, published } = twoInstances();
  let answer: (progress: ReprovisionProgress) => void = () => undefined;
  const slow = monitor(() => new Promise((resolve) => (answer = resolve)));
  const fast = monitor(async () => progress('finished', 100));

  const slowTick = slow.tick();
  await new Promise((resolve) => setImmediate(resolve));
  await fast.tick();
  answer(progress('running', 99));
  await slowTick;
  await fast.tick();

  expect(published.map((p) => [p.state, p.percent])).toEqual([
    ['running', 99],
    ['finished', 100],
  ]);
});

it('keeps the run going when its finish could not be published, so a later look publishes it', async () => {
  const { monitor, published, failing, finished } = twoInstances();
  const instance = monitor(async () => progress('finished', 100));
  failing(true);
  await expect(instance.tick()).rejects.toThrow('no ack');
  expect(finished()).toBeUndefined();
  failing(false);
  await instance.tick();
  expect(published.map((p) => [p.state, p.percent])).toEqual([['finished', 100]]);
  expect(finished()).toEqual(new Date('2026-12-01T10:05:00Z'));
});

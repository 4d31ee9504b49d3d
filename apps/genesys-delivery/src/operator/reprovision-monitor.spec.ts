import type { ReprovisionProgress } from '@bridge/contracts';
import type { ReprovisionRun } from '@bridge/delivery-planning';
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
      runningRun: async () => run,
      finishRun: async () => (log.push('finish'), new Date('2026-12-01T10:05:00Z')),
      saveMapping: async (_id, mapping) => void log.push(`mapping ${JSON.stringify(mapping)}`),
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

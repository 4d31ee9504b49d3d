import { duplicates } from './support/expected-org';
import { startSyncSystem, type SyncSystem } from './support/sync-system';

/**
 * The whole sync under crashes, on one small generated center: delivery and mapper SIGKILLed at random moments
 * during the initial sync, then restarted, reach the same org with no duplicate Genesys objects.
 */
const CENTER = { users: 150, workgroups: 15, skills: 20, wrapups: 20, seed: 11 };
const TRIALS = 5;

let system: SyncSystem;

beforeAll(async () => {
  system = await startSyncSystem({
    label: 'syncfault',
    center: CENTER,
    // A short lease, so objects a killed delivery held are retaken within seconds (the default is 15 s).
    deliveryEnv: { DELIVERY_LEASE_MS: '3000' },
  });
}, 120_000);

afterAll(async () => {
  await system?.stop();
});

/** mulberry32: the kill moments are random but reproducible from the printed seed. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

it(`reaches the same org with no duplicates when delivery and mapper are SIGKILLed mid-sync (${TRIALS} trials)`, async () => {
  const seed = Number(process.env['E2E_KILL_SEED'] ?? Date.now() % 100_000);
  const next = random(seed);
  console.log(`kill trials: E2E_KILL_SEED=${seed}`);
  for (let trial = 1; trial <= TRIALS; trial++) {
    const started = Date.now();
    await system.resetBridge(`synckill${trial}`);
    const moments = { delivery: 200 + Math.round(next() * 2500), mapping: 200 + Math.round(next() * 2500) };
    await Promise.all(
      (['genesys-delivery', 'object-mapping'] as const).map(async (name) => {
        await sleep(name === 'genesys-delivery' ? moments.delivery : moments.mapping);
        await system.service(name).kill();
        await system.start(name);
      }),
    );
    const { expected, actual, dump } = await system.converged(60_000);
    expect({ trial, moments, org: actual }).toEqual({
      trial,
      moments,
      org: expected,
    });
    expect({ trial, duplicates: duplicates(dump) }).toEqual({ trial, duplicates: [] });
    console.log(
      `trial ${trial}: kills at ${JSON.stringify(moments)} ms, converged in ${Date.now() - started} ms`,
    );
  }
}, 200_000);

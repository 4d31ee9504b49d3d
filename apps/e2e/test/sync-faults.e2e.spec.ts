import { duplicates } from './support/expected-org';
import { killTrial, seededRandom } from './support/kill-trial';
import { startSyncSystem, type SyncSystem } from './support/sync-system';

/**
 * The whole sync under crashes, on one small generated center: delivery and mapper SIGKILLed at random moments
 * during the initial sync, then restarted, reach the same org with no duplicate Genesys objects.
 */
const CENTER = { users: 150, workgroups: 15, skills: 20, wrapups: 20, seed: 11 };
// Three random trials a run (the seed is printed to repeat one); bench/sync/kill-soak.ts runs as many as asked.
const TRIALS = 3;

let system: SyncSystem;

beforeAll(async () => {
  system = await startSyncSystem({
    label: 'syncfault',
    center: CENTER,
    // Each trial starts a fresh bridge of its own.
    bridge: false,
    // A short lease, so objects a killed delivery held are retaken within seconds (the default is 15 s).
    deliveryEnv: { DELIVERY_LEASE_MS: '3000' },
  });
}, 120_000);

afterAll(async () => {
  await system?.stop();
});

it(`reaches the same org with no duplicates when delivery and mapper are SIGKILLed mid-sync (${TRIALS} trials)`, async () => {
  const seed = Number(process.env['E2E_KILL_SEED'] ?? Date.now() % 100_000);
  const next = seededRandom(seed);
  console.log(`kill trials: E2E_KILL_SEED=${seed}`);
  for (let trial = 1; trial <= TRIALS; trial++) {
    const { moments, expected, actual, dump, ms } = await killTrial(system, `synckill${trial}`, next);
    expect({ trial, moments, org: actual }).toEqual({
      trial,
      moments,
      org: expected,
    });
    expect({ trial, duplicates: duplicates(dump) }).toEqual({ trial, duplicates: [] });
    console.log(`trial ${trial}: kills at ${JSON.stringify(moments)} ms, converged in ${ms} ms`);
  }
}, 200_000);

// Soak of the SIGKILL trial of apps/e2e/test/sync-faults.e2e.spec.ts, for more trials than CI can afford:
// genesys-delivery and object-mapping are SIGKILLed at random moments of the initial sync of a small generated
// center and started again; each trial must reach exactly the org the center maps to, with no duplicate Genesys
// objects. Not a *.bench.ts, so `npm run bench` leaves it alone.
//
// Run: node -r @swc-node/register bench/sync/kill-soak.ts [--trials N] [--seed N]
// A failing trial prints its kill moments; rerun with the printed seed to replay the same moments.
import { canonical, duplicates } from '../../apps/e2e/test/support/expected-org';
import { killTrial, seededRandom } from '../../apps/e2e/test/support/kill-trial';
import { startSyncSystem } from '../../apps/e2e/test/support/sync-system';
import { describeMachine } from '../machine';
import { numberArg, useCompiledServices } from './support';

const TRIALS = numberArg('trials', 20);
const SEED = numberArg('seed', Date.now() % 100_000);
/** The e2e's center and lease, so a soak failure reproduces there. */
const CENTER = { users: 150, workgroups: 15, skills: 20, wrapups: 20, seed: 11 };
const LEASE_MS = 3000;

async function main(): Promise<void> {
  console.log(describeMachine());
  console.log(useCompiledServices());
  console.log(`kill soak: ${TRIALS} trials, --seed ${SEED}`);
  const next = seededRandom(SEED);
  const system = await startSyncSystem({
    label: 'killsoak',
    center: CENTER,
    deliveryEnv: { DELIVERY_LEASE_MS: String(LEASE_MS) },
  });
  const failures: string[] = [];
  const durations: number[] = [];
  try {
    for (let trial = 1; trial <= TRIALS; trial++) {
      const { moments, expected, actual, dump, ms } = await killTrial(system, `killsoak${trial}`, next);
      const same = canonical(actual) === canonical(expected);
      const doubled = duplicates(dump);
      durations.push(ms);
      const verdict = same && doubled.length === 0 ? 'ok' : 'FAIL';
      const detail = [
        same ? '' : 'org differs from the expected one',
        doubled.length ? `duplicates: ${doubled.join(', ')}` : '',
      ]
        .filter(Boolean)
        .join('; ');
      const line = `trial ${trial}: ${verdict}, kills at ${JSON.stringify(moments)} ms, ${same ? 'converged' : 'gave up'} in ${ms} ms${detail ? ` — ${detail}` : ''}`;
      console.log(line);
      if (verdict !== 'ok') failures.push(line);
    }
  } finally {
    await system.stop();
  }
  const sorted = [...durations].sort((a, b) => a - b);
  console.log(
    `\nsummary: ${TRIALS - failures.length}/${TRIALS} trials converged to the expected org with no duplicates ` +
      `(seed ${SEED}); trial time median ${sorted[Math.floor(sorted.length / 2)] ?? NaN} ms, max ${sorted.at(-1) ?? NaN} ms`,
  );
  for (const failure of failures) console.log(`  ${failure}`);
  if (failures.length > 0) process.exitCode = 1;
}

main().then(
  () => process.exit(process.exitCode ?? 0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);

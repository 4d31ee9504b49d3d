// Soak of the fault trials of apps/e2e/test/sync-faults.e2e.spec.ts and sync-restarts.e2e.spec.ts, for more
// trials (and, for the restarts, a larger center) than CI can afford. Each trial must reach exactly the org the
// center maps to, with no duplicate Genesys objects. Not a *.bench.ts, so `npm run bench` leaves it alone.
//
// --kind kill (default): genesys-delivery and object-mapping are SIGKILLed at random moments of the initial sync
//   of a small generated center (the e2e's) and started again.
// --kind nats | nats-crash | postgres: the bridge runs on a private nats-server / Postgres cluster, which goes
//   down (SIGTERM / SIGKILL / immediate shutdown) at a random moment of the initial sync of a 10,000-user center
//   (the initial-sync bench's), stays down --down-ms, and comes back on the same port and store while the
//   services keep running.
// --kind none: the restart trial without a fault, the baseline for their times on the same machine.
//
// Run: node -r @swc-node/register bench/sync/kill-soak.ts [--kind kill|nats|nats-crash|postgres|none] [--trials N] [--seed N]
//        [--users N] [--window-ms N] [--down-ms N]
// A failing trial prints its moments; rerun with the printed seed to replay the same moments.
import {
  canonical,
  duplicates,
  type GenesysDump,
  type OrgView,
} from '../../apps/e2e/test/support/expected-org';
import { killTrial, seededRandom } from '../../apps/e2e/test/support/kill-trial';
import {
  restartTrial,
  startPrivateServers,
  type PrivateServers,
  type RestartKind,
} from '../../apps/e2e/test/support/restart-trial';
import { startSyncSystem, type CenterSize } from '../../apps/e2e/test/support/sync-system';
import { describeMachine, runBench } from '../machine';
import { numberArg, stringArg, useCompiledServices } from './support';

const KIND = stringArg('kind', 'kill');
if (!['kill', 'nats', 'nats-crash', 'postgres', 'none'].includes(KIND))
  throw new Error('--kind: kill, nats, nats-crash, postgres or none');
const TRIALS = numberArg('trials', KIND === 'kill' ? 20 : 5);
const SEED = numberArg('seed', Date.now() % 100_000);
/** The e2e's center and lease for the kill trials, so a soak failure reproduces there. */
const KILL_CENTER: CenterSize = { users: 150, workgroups: 15, skills: 20, wrapups: 20, seed: 11 };
/** The initial-sync bench's center for the restarts. */
const RESTART_CENTER: CenterSize = {
  users: numberArg('users', 10_000),
  workgroups: 300,
  skills: 200,
  wrapups: 500,
  seed: 5,
};
const LEASE_MS = 3000;
/** The restart falls somewhere in this much of the initial sync, which takes longer at 10,000 users. */
const WINDOW_MS = numberArg('window-ms', 12_000);
const DOWN_MS = numberArg('down-ms', 1000);

interface Outcome {
  readonly moments: string;
  readonly expected: OrgView;
  readonly actual: OrgView;
  readonly dump: GenesysDump;
  readonly ms: number;
}

async function main(): Promise<void> {
  console.log(describeMachine());
  console.log(useCompiledServices());
  const restart = KIND === 'kill' ? undefined : (KIND as RestartKind);
  const center = restart ? RESTART_CENTER : KILL_CENTER;
  console.log(`${KIND} soak: ${TRIALS} trials, ${center.users} users, --seed ${SEED}`);
  const next = seededRandom(SEED);
  const servers: PrivateServers | undefined = restart ? await startPrivateServers() : undefined;
  const system = await startSyncSystem({
    label: 'killsoak',
    center,
    deliveryEnv: { DELIVERY_LEASE_MS: String(LEASE_MS) },
    ...(servers ? { services: servers.services } : {}),
  });
  const trial = async (n: number): Promise<Outcome> => {
    if (!restart || !servers) {
      const result = await killTrial(system, `killsoak${n}`, next);
      return { ...result, moments: `kills at ${JSON.stringify(result.moments)} ms` };
    }
    const result = await restartTrial(system, servers, restart, `restartsoak${n}`, next, {
      windowMs: WINDOW_MS,
      downMs: DOWN_MS,
      timeoutMs: 300_000,
    });
    const moments =
      restart === 'none'
        ? `no fault (${result.progress} users synced at ${result.at} ms)`
        : `${restart} down at ${result.at} ms (${result.progress} users synced)`;
    return { ...result, moments };
  };
  const failures: string[] = [];
  const durations: number[] = [];
  try {
    for (let n = 1; n <= TRIALS; n++) {
      const { moments, expected, actual, dump, ms } = await trial(n);
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
      const line = `trial ${n}: ${verdict}, ${moments}, ${same ? 'converged' : 'gave up'} in ${ms} ms${detail ? ` — ${detail}` : ''}`;
      console.log(line);
      if (verdict !== 'ok') failures.push(line);
    }
  } finally {
    await system.stop();
    await servers?.dispose();
  }
  const sorted = [...durations].sort((a, b) => a - b);
  console.log(
    `\nsummary: ${TRIALS - failures.length}/${TRIALS} ${KIND} trials converged to the expected org with no ` +
      `duplicates (seed ${SEED}); trial time median ${sorted[Math.floor(sorted.length / 2)] ?? NaN} ms, max ${sorted.at(-1) ?? NaN} ms`,
  );
  for (const failure of failures) console.log(`  ${failure}`);
  if (failures.length > 0) process.exitCode = 1;
}

runBench(main);

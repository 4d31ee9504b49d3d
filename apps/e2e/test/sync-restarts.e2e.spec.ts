import { duplicates } from './support/expected-org';
import { seededRandom } from './support/kill-trial';
import { restartTrial, startPrivateServers, type PrivateServers } from './support/restart-trial';
import { startSyncSystem, type SyncSystem } from './support/sync-system';

/**
 * The whole sync on a private NATS server (restarted: SIGTERM) and Postgres cluster (crashed: immediate shutdown)
 * that go down in the middle of the initial sync and come back on the same port and store, while the bridge
 * services keep running (cic-ingestion and object-mapping, whose active lock ends with the Postgres session, are
 * started again): the org converges to exactly what the center maps to, with no duplicate Genesys objects.
 * bench/sync/kill-soak.ts runs the same trials at 10,000 users (`--kind nats|postgres`), and `nats-crash`.
 */
const CENTER = { users: 150, workgroups: 15, skills: 20, wrapups: 20, seed: 11 };

let servers: PrivateServers;
let system: SyncSystem;

beforeAll(async () => {
  servers = await startPrivateServers();
  system = await startSyncSystem({
    label: 'syncrestart',
    center: CENTER,
    services: servers.services,
    deliveryEnv: { DELIVERY_LEASE_MS: '3000' },
  });
}, 120_000);

afterAll(async () => {
  await system?.stop();
  await servers?.dispose();
});

const seed = Number(process.env['E2E_KILL_SEED'] ?? Date.now() % 100_000);
const next = seededRandom(seed);

it.each(['nats', 'postgres'] as const)(
  'reaches the same org with no duplicates when %s restarts mid-sync',
  async (kind) => {
    console.log(`restart trial (${kind}): E2E_KILL_SEED=${seed}`);
    const trial = await restartTrial(system, servers, kind, `restart${kind}`, next, {
      windowMs: 1500,
      timeoutMs: 150_000,
    });
    expect({ at: trial.at, org: trial.actual }).toEqual({ at: trial.at, org: trial.expected });
    expect(duplicates(trial.dump)).toEqual([]);
    console.log(
      `${kind} down at ${trial.at} ms (${trial.progress} users synced), converged in ${trial.ms} ms`,
    );
  },
  180_000,
);

import { Client } from 'pg';
import { duplicates } from './support/expected-org';
import { startSyncSystem, type BridgeService, type SyncSystem } from './support/sync-system';

/**
 * The event store lost (its schema dropped) and the services started again within JetStream's duplicate window
 * (2 minutes): the new store's deterministic event ids repeat ones the stream saw, and its epoch (ADR 0006) keeps
 * them from being dropped as duplicates, so the org still converges to exactly what the center maps to.
 */
const CENTER = { users: 150, workgroups: 15, skills: 20, wrapups: 20, seed: 11 };
const services: readonly BridgeService[] = ['genesys-delivery', 'object-mapping', 'cic-ingestion'];

let system: SyncSystem;

beforeAll(async () => {
  system = await startSyncSystem({ label: 'storewipe', center: CENTER });
}, 120_000);

afterAll(async () => {
  await system?.stop();
});

async function dropSchema(): Promise<void> {
  const { databaseUrl, schema } = system.isolation();
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
}

it('converges exactly after the database is wiped and the services restart within the duplicate window', async () => {
  const first = await system.converged(60_000);
  expect(first.actual).toEqual(first.expected);
  const started = Date.now();

  // A user goes A → B, and back to A while the store is gone: the new store's event for A repeats the id of the
  // first store's, which the stream saw a few seconds ago.
  const user = (await system.center()).users.find(
    (candidate) => candidate.displayName && candidate.businessEmail,
  );
  if (!user) throw new Error('the generated center has no user with a display name and an email');
  const path = `/sim/users/${encodeURIComponent(user.id)}`;
  await system.cicCall(path, 'PATCH', { displayName: 'Interim Name' });
  const interim = await system.converged(30_000);
  expect(interim.actual).toEqual(interim.expected);

  await Promise.all(services.map((name) => system.service(name).stop()));
  await dropSchema();
  await system.cicCall(path, 'PATCH', { displayName: user.displayName });
  await Promise.all(services.map((name) => system.start(name)));

  const { expected, actual, dump } = await system.converged(60_000);
  expect(actual.users[user.businessEmail?.toLowerCase() ?? '']?.displayName).toBe(user.displayName);
  expect(actual).toEqual(expected);
  expect(duplicates(dump)).toEqual([]);
  console.log(`wiped and converged again within ${Date.now() - started} ms of the first change`);
}, 180_000);

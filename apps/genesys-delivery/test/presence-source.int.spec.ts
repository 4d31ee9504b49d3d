import { GenesysClient, targetOf } from '@bridge/genesys-client';
import { exclusiveIn } from '@bridge/postgres';
import {
  createIsolation,
  freePort,
  sandboxCredentials,
  startGenesysSimulator,
  type Isolation,
  type ServiceProcess,
} from '@bridge/testing';
import { DataSource } from 'typeorm';

/**
 * The bridge's presence source against the Genesys Cloud simulator as a process, on real Postgres: clients that
 * start together (the lanes of several instances) register one source between them, not one each.
 */
const NAME = 'Cloud Bridge for PureConnect';
let isolation: Isolation;
let sim: ServiceProcess;
let db: DataSource;

beforeAll(async () => {
  isolation = await createIsolation('presencesource');
  sim = await startGenesysSimulator(await freePort());
  db = await new DataSource({ type: 'postgres', url: isolation.env['DATABASE_URL'] }).initialize();
}, 60_000);

afterAll(async () => {
  await db?.destroy();
  await sim?.stop();
  await isolation?.dispose();
});

const client = () =>
  new GenesysClient({
    target: targetOf(sim.baseUrl, sim.baseUrl),
    clientId: sandboxCredentials['GC_CLIENT_ID'] ?? '',
    clientSecret: sandboxCredentials['GC_CLIENT_SECRET'] ?? '',
    exclusive: exclusiveIn(db, `${isolation.schema}.presence-source`),
  });

async function activeSourcesNamed(name: string): Promise<string[]> {
  const { org } = (await (await fetch(`${sim.baseUrl}/sim/state`)).json()) as {
    org: { sources: Record<string, { id: string; name: string; deactivated: boolean }> };
  };
  return Object.values(org.sources)
    .filter((source) => source.name === name && !source.deactivated)
    .map((source) => source.id);
}

it('registers one source for clients that all find none at once, and every one of them gets it', async () => {
  const racers = Array.from({ length: 8 }, client);
  const ids = await Promise.all(racers.map((racer) => racer.presenceSourceNamed(NAME)));
  expect(new Set(ids).size).toBe(1);
  expect(await activeSourcesNamed(NAME)).toEqual([ids[0]]);
}, 30_000);

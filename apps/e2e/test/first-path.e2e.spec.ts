import { CicUserChanged, cicStreamId, type Envelope } from '@bridge/contracts';
import { envelopeToNewEvent, openEventStoreDatabase, PostgresEventStore } from '@bridge/event-store';
import {
  createIsolation,
  eventually,
  freePort,
  startServiceProcess,
  type Isolation,
  type ServiceProcess,
} from '@bridge/testing';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';

let isolation: Isolation;
let dataSource: DataSource;
// cic-ingestion needs a CIC server to be healthy; an empty center holds only its admin account.
let cic: ServiceProcess;
const services: ServiceProcess[] = [];

beforeAll(async () => {
  isolation = await createIsolation('firstpath');
  const cicPort = await freePort();
  cic = await startServiceProcess({
    name: 'cic-simulator',
    main: 'apps/cic-simulator/src/main.ts',
    args: ['--port', String(cicPort), '--users', '1', '--workgroups', '0', '--skills', '0', '--wrapups', '0'],
    env: { LOG_LEVEL: 'warn' },
    baseUrl: `http://127.0.0.1:${cicPort}`,
    ready: '/sim/state',
  });
  const [ingestionPort, mappingPort] = [await freePort(), await freePort()];
  services.push(
    ...(await Promise.all([
      startServiceProcess({
        name: 'cic-ingestion',
        main: 'apps/cic-ingestion/src/main.ts',
        env: { ...isolation.env, CIC_INGESTION_PORT: String(ingestionPort), CIC_SERVERS: cic.baseUrl },
        baseUrl: `http://127.0.0.1:${ingestionPort}`,
      }),
      startServiceProcess({
        name: 'object-mapping',
        main: 'apps/object-mapping/src/main.ts',
        env: { ...isolation.env, OBJECT_MAPPING_PORT: String(mappingPort) },
        baseUrl: `http://127.0.0.1:${mappingPort}`,
      }),
    ])),
  );
  dataSource = await openEventStoreDatabase({ url: isolation.databaseUrl, schema: isolation.schema });
});

afterAll(async () => {
  await Promise.all(services.map((service) => service.stop()));
  await dataSource?.destroy();
  await cic?.stop();
  await isolation?.dispose();
});

async function ackedBy(service: ServiceProcess, consumer: string): Promise<number> {
  const metrics = await (await fetch(`${service.baseUrl}/metrics`)).text();
  const line = metrics
    .split('\n')
    .find(
      (l) =>
        l.startsWith('bridge_messages_consumed_total') &&
        l.includes(`consumer="${consumer}"`) &&
        l.includes('outcome="acked"'),
    );
  return line ? Number(line.split(' ').at(-1)) : 0;
}

it('reports every service healthy, with its dependencies named', async () => {
  for (const service of services) {
    const health = (await (await fetch(`${service.baseUrl}/health`)).json()) as {
      status: string;
      info: object;
    };
    expect(health.status).toBe('ok');
  }
  const ingestion = (await (await fetch(`${services[0]?.baseUrl}/health`)).json()) as { info: object };
  expect(Object.keys(ingestion.info).sort()).toEqual(['cic', 'nats', 'postgres']);
});

it('carries events appended to the CIC log through the relay to the consumer in the other process', async () => {
  const store = new PostgresEventStore(dataSource, isolation.schema);
  const users = Array.from({ length: 50 }, (_, i) => `agent.${i} Zoë`);
  for (const id of users) {
    const envelope: Envelope = {
      id: randomUUID(),
      type: CicUserChanged.type,
      schemaVersion: CicUserChanged.schemaVersion,
      occurredAt: new Date().toISOString(),
      source: 'e2e',
      correlationId: randomUUID(),
      data: { user: { id, phones: {}, skills: [] } },
    };
    await store.append(cicStreamId('user', id), 'noStream', [envelopeToNewEvent(envelope)]);
  }
  const mapping = services[1] as ServiceProcess;
  await eventually(async () => {
    // The whole CIC log: these users, and what cic-ingestion recorded from the simulator (its admin account,
    // the status messages and the admin's status).
    const logged = (await store.readAll(0, 10_000)).length;
    const acked = await ackedBy(mapping, 'object-mapping--cic-events');
    return logged > users.length && acked === logged ? true : undefined;
  });
});

it('stops every service cleanly on SIGTERM', async () => {
  const codes = await Promise.all(services.splice(0).map((service) => service.stop()));
  expect(codes).toEqual([0, 0]);
});

import { OperatorIngestionStatusRead } from '@bridge/contracts';
import { connectNats, sendOperatorCommandToEvery, Topology, type NatsConnection } from '@bridge/messaging';
import {
  createIsolation,
  operatorResultOf,
  eventually,
  freePort,
  startServiceProcess,
  type Isolation,
  type ServiceProcess,
} from '@bridge/testing';

/**
 * cic-ingestion's operator status read as the console sends it, to the service as a process against the CIC
 * simulator, on real NATS and Postgres: which CIC server it is connected to, since when, its last message, and
 * the outbox relay caught up with the event store.
 */
let isolation: Isolation;
let cic: ServiceProcess;
let ingestion: ServiceProcess;
let nats: NatsConnection;

beforeAll(async () => {
  isolation = await createIsolation('ingestion-operator');
  const [cicPort, port] = [await freePort(), await freePort()];
  cic = await startServiceProcess({
    name: 'cic-simulator',
    main: 'apps/cic-simulator/src/main.ts',
    args: ['--port', String(cicPort), '--users', '3', '--workgroups', '1', '--skills', '1', '--wrapups', '1'],
    env: { LOG_LEVEL: 'warn' },
    baseUrl: `http://127.0.0.1:${cicPort}`,
    ready: '/sim/state',
  });
  ingestion = await startServiceProcess({
    name: 'cic-ingestion',
    main: 'apps/cic-ingestion/src/main.ts',
    env: { ...isolation.env, CIC_INGESTION_PORT: String(port), CIC_SERVERS: cic.baseUrl, LOG_LEVEL: 'warn' },
    baseUrl: `http://127.0.0.1:${port}`,
  });
  nats = await connectNats(isolation.natsUrl, 'ingestion-operator-test');
}, 60_000);

afterAll(async () => {
  await nats?.close();
  await ingestion?.stop();
  await cic?.stop();
  await isolation?.dispose();
});

it('answers its CIC connection and an outbox caught up with the event store', async () => {
  const topology = new Topology(isolation.namespace);
  const started = Date.now();
  const answer = await eventually(async () => {
    const answers = await sendOperatorCommandToEvery(nats, topology, OperatorIngestionStatusRead, {
      operator: 'ingestion-test-admin',
    });
    expect(answers).toHaveLength(1);
    const status = operatorResultOf(answers[0]);
    return status.cic.state === 'up' && status.cic.lastMessageAt && status.outbox.backlog === 0
      ? status
      : undefined;
  }, 30_000);
  expect(answer.process).toMatchObject({ service: 'cic-ingestion' });
  expect(answer.cic).toMatchObject({ state: 'up', server: cic.baseUrl });
  expect(Date.parse(answer.cic.connectedSince ?? '')).toBeLessThanOrEqual(
    Date.parse(answer.cic.lastMessageAt ?? ''),
  );
  expect(Date.parse(answer.cic.connectedSince ?? '')).toBeGreaterThan(started - 60_000);
  expect(answer.outbox).toEqual({ backlog: 0, lagSeconds: 0 });
}, 60_000);

import {
  CicStatusMessageChanged,
  CicStatusMessageRemoved,
  cicStatusMessageStreamId,
  CicUserStatusChanged,
  cicUserStatusStreamId,
} from '@bridge/contracts';
import { openEventStoreDatabase, PostgresEventStore, type StoredEvent } from '@bridge/event-store';
import { Topology } from '@bridge/messaging';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import {
  createIsolation,
  eventually,
  freePort,
  startServiceProcess,
  type Isolation,
  type ServiceProcess,
} from '@bridge/testing';
import type { DataSource } from 'typeorm';
import { simRequest, startCicIngestion } from './support/cic-ingestion-process';

// cic-ingestion against the CIC simulator: statuses set and status messages edited through /sim reach the event
// log and, through the relay, the CIC stream; users added later join the user-statuses subscription.

let isolation: Isolation;
let dataSource: DataSource;
let store: PostgresEventStore;
let nats: NatsConnection;
let cic: ServiceProcess;
let ingestion: ServiceProcess;

const sim = (method: string, path: string, body?: unknown) => simRequest(cic, method, path, body);

async function streamEvents(streamId: string): Promise<StoredEvent[]> {
  return store.readStream(streamId);
}

/** The last event of a stream once it satisfies `check`. */
function lastOf(streamId: string, check: (event: StoredEvent) => boolean): Promise<StoredEvent> {
  return eventually(async () => {
    const last = (await streamEvents(streamId)).at(-1);
    return last && check(last) ? last : undefined;
  }, 15_000);
}

/** The event's envelope as the relay published it on the CIC stream (looked up by its id). */
async function publishedOnCic(eventId: string, subject: string): Promise<unknown> {
  const topology = new Topology(isolation.namespace);
  const jsm = await jetstreamManager(nats);
  return eventually(async () => {
    const message = await jsm.streams
      .getMessage(topology.stream('CIC'), { last_by_subj: topology.subject(subject) })
      .catch(() => undefined);
    const envelope = message?.json<{ id: string }>();
    return envelope?.id === eventId ? envelope : undefined;
  }, 15_000);
}

const userId = 'agent.status';

beforeAll(async () => {
  isolation = await createIsolation('cicstatus');
  const cicPort = await freePort();
  cic = await startServiceProcess({
    name: 'cic-simulator',
    main: 'apps/cic-simulator/src/main.ts',
    args: ['--port', String(cicPort), '--users', '20', '--workgroups', '2'],
    env: { LOG_LEVEL: 'warn', CIC_SIM_PING_MS: '1000' },
    baseUrl: `http://127.0.0.1:${cicPort}`,
    ready: '/sim/state',
  });
  dataSource = await openEventStoreDatabase({ url: isolation.databaseUrl, schema: isolation.schema });
  store = new PostgresEventStore(dataSource, isolation.schema);
  nats = await connect({ servers: isolation.natsUrl });
  ingestion = await startCicIngestion({
    isolation,
    cicServers: [`http://127.0.0.1:${cicPort}`],
    port: await freePort(),
  });
  await sim('POST', '/users', {
    id: userId,
    displayName: 'Agent Status',
    businessEmail: 'agent@example.com',
  });
});

afterAll(async () => {
  await ingestion?.stop();
  await cic?.stop();
  await nats?.close();
  await dataSource?.destroy();
  await isolation?.dispose();
});

it("records the simulator's status messages, and one added, renamed and deleted", async () => {
  await lastOf(cicStatusMessageStreamId('Available'), (event) => event.type === CicStatusMessageChanged.type);

  const streamId = cicStatusMessageStreamId('Coffee Break');
  await sim('PUT', '/status-messages/Coffee%20Break', { messageText: 'Coffee', groupTag: 'Break' });
  await lastOf(
    streamId,
    (event) =>
      (event.data as { statusMessage: { messageText: string } }).statusMessage.messageText === 'Coffee',
  );
  await sim('PUT', '/status-messages/Coffee%20Break', { messageText: 'Coffee time', groupTag: 'Break' });
  await lastOf(
    streamId,
    (event) =>
      (event.data as { statusMessage: { messageText: string } }).statusMessage.messageText === 'Coffee time',
  );
  await sim('DELETE', '/status-messages/Coffee%20Break');
  const removed = await lastOf(streamId, (event) => event.type === CicStatusMessageRemoved.type);

  expect((await streamEvents(streamId)).map((event) => event.type)).toEqual([
    'CicStatusMessageChanged',
    'CicStatusMessageChanged',
    'CicStatusMessageRemoved',
  ]);
  await publishedOnCic(removed.id, CicStatusMessageRemoved.subject);
});

it('records a status set through /sim/user-statuses of a user added after start, once', async () => {
  const streamId = cicUserStatusStreamId(userId);
  await sim('PUT', `/user-statuses/${userId}`, {
    statusId: 'At Lunch',
    loggedIn: true,
    notes: 'back at two',
  });
  const event = await lastOf(
    streamId,
    (logged) => (logged.data as { userStatus: { statusId: string } }).userStatus.statusId === 'At Lunch',
  );

  expect(event.type).toBe(CicUserStatusChanged.type);
  expect(event.data).toMatchObject({
    userStatus: { userId, statusId: 'At Lunch', loggedIn: true, notes: 'back at two' },
  });
  expect(await publishedOnCic(event.id, CicUserStatusChanged.subject)).toMatchObject({
    type: CicUserStatusChanged.type,
    data: event.data,
  });
  await new Promise((resolve) => setTimeout(resolve, 500)); // room for a second, unwanted event
  expect((await streamEvents(streamId)).filter((logged) => logged.id === event.id)).toHaveLength(1);
  expect((await streamEvents(streamId)).at(-1)?.id).toBe(event.id);
});

it('after a restart, appends only the status changed while it was down', async () => {
  await ingestion.stop();
  const streamId = cicUserStatusStreamId(userId);
  const before = (await streamEvents(streamId)).length;
  await sim('PUT', `/user-statuses/${userId}`, { statusId: 'In a Meeting' });
  ingestion = await startCicIngestion({
    isolation,
    cicServers: [cic.baseUrl],
    port: await freePort(),
  });
  await lastOf(
    streamId,
    (logged) => (logged.data as { userStatus: { statusId: string } }).userStatus.statusId === 'In a Meeting',
  );
  await new Promise((resolve) => setTimeout(resolve, 500));
  expect((await streamEvents(streamId)).length).toBe(before + 1);
});

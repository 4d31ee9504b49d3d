import { openEventStoreDatabase, PostgresEventStore } from '@bridge/event-store';
import { createIsolation, eventually, freePort, type Isolation, type ServiceProcess } from '@bridge/testing';
import { createServer, type Server } from 'node:http';
import type { DataSource } from 'typeorm';
import { startCicIngestion } from './support/cic-ingestion-process';

// A CIC server that misbehaves on purpose: a scripted ICWS endpoint (connect, subscribe, poll) whose message queue
// mixes malformed messages and items with valid ones. The simulator only ever sends well-formed ICWS.
const WRAP = 'urn:inin.com:configuration.system:wrapUpCodesMessage';
const USERS = 'urn:inin.com:configuration.people:usersMessage';
const WG = 'urn:inin.com:configuration.people:workgroupsMessage';
const SKILLS = 'urn:inin.com:configuration.people:skillsMessage';
const delta = (type: string, lists: Record<string, unknown>) => ({ __type: type, isDelta: true, ...lists });
const valid = (id: string) => delta(WRAP, { added: [{ configurationId: { id } }] });
const user = (extra: Record<string, unknown>) =>
  delta(USERS, { added: [{ configurationId: { id: 'u' }, ...extra }] });
const wg = (extra: Record<string, unknown>) =>
  delta(WG, {
    added: [{ configurationId: { id: 'w' }, queueType: 'ACD', hasQueue: true, isActive: true, ...extra }],
  });

const malformed: unknown[] = [
  null,
  [],
  'hello',
  { isDelta: true },
  { __type: 7, isDelta: true },
  { __type: 'urn:inin.com:nothing:fooMessage', isDelta: true },
  { __type: WRAP },
  { __type: WRAP, isDelta: 'true' },
  delta(WRAP, { added: {} }),
  delta(WRAP, { added: [42] }),
  delta(WRAP, { added: [{ id: 'x' }] }),
  delta(WRAP, { added: [{ configurationId: 'x' }] }),
  delta(WRAP, { added: [{ configurationId: { displayName: 'X' } }] }),
  delta(WRAP, { added: [{ configurationId: { id: 5 } }] }),
  delta(WRAP, { added: [{ configurationId: { id: '' } }] }),
  delta(WRAP, { added: [{ configurationId: { id: 'x'.repeat(300) } }] }),
  delta(WRAP, { added: [{ configurationId: { id: 'x', displayName: 1 } }] }),
  user({ personalInformationProperties: { emailAddress: 1 } }),
  user({ personalInformationProperties: 'x' }),
  // Over the contracts' caps (CIC_TEXT_LIMITS): the quadratic-email shape, and a phone of 65 characters.
  user({ personalInformationProperties: { emailAddress: `a@${'.'.repeat(40_000)}@` } }),
  user({ personalInformationProperties: { mobileNumber: '1'.repeat(65) } }),
  user({ skills: { actualValue: 'x' } }),
  user({ skills: { actualValue: [{ id: { id: 's' }, proficiency: 150 }] } }),
  wg({ queueType: 3 }),
  wg({ members: [{ displayName: 'x' }] }),
  delta(SKILLS, { added: [{ configurationId: { id: 's' }, treatAsLanguage: 'yes' }] }),
  delta(SKILLS, { changed: [{ configurationId: { id: 'ghost' } }] }),
  delta(WRAP, { removed: [{ configurationId: {} }] }),
];

let isolation: Isolation;
let dataSource: DataSource;
let server: Server;
let ingestion: ServiceProcess;
const queue: unknown[] = [];

beforeAll(async () => {
  isolation = await createIsolation('cicbad');
  const cicPort = await freePort();
  server = createServer((request, response) => {
    const url = request.url ?? '';
    request.resume();
    const reply = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      response.writeHead(status, { 'content-type': 'application/json', ...headers });
      response.end(JSON.stringify(body));
    };
    if (request.method === 'POST' && url.startsWith('/icws/connection'))
      return reply(
        201,
        { sessionId: 's1', csrfToken: 'c1', features: [{ featureId: 'messaging', version: 1 }] },
        {
          'set-cookie': 'icws_s1=k; Path=/',
        },
      );
    if (request.method === 'PUT' && url.includes('/messaging/subscriptions/')) {
      const type = url.includes('/users/')
        ? USERS
        : url.includes('/workgroups/')
          ? WG
          : url.includes('/skills/')
            ? SKILLS
            : WRAP;
      queue.push({ __type: type, isDelta: false, added: [], changed: [], removed: [] });
      return reply(200, {});
    }
    if (url.endsWith('/messaging/messages')) return reply(200, queue.splice(0));
    reply(404, { message: 'not scripted' });
  });
  await new Promise<void>((resolve) => server.listen(cicPort, '127.0.0.1', resolve));
  ingestion = await startCicIngestion({
    isolation,
    cicServers: [`http://127.0.0.1:${cicPort}`],
    port: await freePort(),
    logLevel: 'error',
  });
  dataSource = await openEventStoreDatabase({ url: isolation.databaseUrl, schema: isolation.schema });
});

afterAll(async () => {
  await ingestion?.stop();
  await new Promise((resolve) => server?.close(resolve));
  await dataSource?.destroy();
  await isolation?.dispose();
});

async function rejected(): Promise<number> {
  const metrics = await (await fetch(`${ingestion.baseUrl}/metrics`)).text();
  return metrics
    .split('\n')
    .filter((line) => line.startsWith('bridge_cic_input_rejected_total{'))
    .reduce((sum, line) => sum + Number(line.split(' ').at(-1)), 0);
}

it(`skips and counts ${malformed.length} kinds of malformed ICWS messages, processing the valid ones around them`, async () => {
  expect(malformed.length).toBeGreaterThanOrEqual(20);
  const expectedIds = malformed.map((_, i) => `Valid.${i}`);
  malformed.forEach((message, i) => queue.push(valid(`Valid.${i}`), message));
  const store = new PostgresEventStore(dataSource, isolation.schema);
  const ids = await eventually(async () => {
    const events = await store.readAll(0, 1_000);
    return events.length >= expectedIds.length ? events.map((event) => event.streamId) : undefined;
  });
  expect(ids.sort()).toEqual(expectedIds.map((id) => `cic-wrap-up-code:${id}`).sort());
  await eventually(async () => ((await rejected()) === malformed.length ? true : undefined));
  const health = (await (await fetch(`${ingestion.baseUrl}/health`)).json()) as { status: string };
  expect(health.status).toBe('ok');
});

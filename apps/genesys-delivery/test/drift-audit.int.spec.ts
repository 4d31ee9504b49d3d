import { MappingUserDesired } from '@bridge/contracts';
import {
  createIsolation,
  eventually,
  freePort,
  type Isolation,
  operatorHeaders,
  type ServiceProcess,
  startDelivery,
  startGenesysSimulator,
} from '@bridge/testing';
import { desiredPublisher, type DesiredPublisher } from './support/desired-publisher';

/**
 * The drift audit in one genesys-delivery process against the Genesys Cloud simulator (real NATS and Postgres): a
 * field changed by hand is set back, a phone number Genesys spells differently is not drift, and an object changed
 * back again and again is reported after the day's repairs instead of fought over.
 */
interface SimUser {
  id: string;
  userName: string;
  displayName: string;
  phoneNumbers: { value: string; type?: string }[];
}

let isolation: Isolation;
let publisher: DesiredPublisher;
let sim: ServiceProcess;
let delivery: ServiceProcess;

async function call(baseUrl: string, path: string, method = 'GET', body?: unknown, headers = {}) {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { 'Content-Type': 'application/json', ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status}`);
  return response.status === 204 ? undefined : ((await response.json()) as unknown);
}

const ann = async () => {
  const { org } = (await call(sim.baseUrl, '/sim/state')) as { org: { users: Record<string, SimUser> } };
  const found = Object.values(org.users).find((u) => u.userName === 'ann@example.com');
  if (!found) throw new Error('ann is not in Genesys');
  return found;
};
const records = async () =>
  (await call(delivery.baseUrl, '/delivery/records', 'GET', undefined, operatorHeaders)) as {
    kind: string;
    key: string;
    status: string;
    error_code: string | null;
  }[];

beforeAll(async () => {
  isolation = await createIsolation('driftaudit');
  const [simPort, deliveryPort] = [await freePort(), await freePort()];
  sim = await startGenesysSimulator(simPort);
  delivery = await startDelivery(isolation, deliveryPort, sim.baseUrl, {
    DELIVERY_AUDIT_INTERVAL_S: '2',
    DELIVERY_AUDIT_MAX_REPAIRS_PER_DAY: '2',
  });
  publisher = await desiredPublisher(isolation, 'drift-audit-test');
  await publisher.publish(MappingUserDesired, {
    key: 'ann',
    state: 'present',
    document: {
      externalId: 'ann',
      userName: 'ann@example.com',
      displayName: 'Ann',
      phoneNumbers: [{ type: 'work', value: '+13175550100' }],
      routingSkills: [],
      routingLanguages: [],
    },
  });
  await eventually(async () => ((await ann()).displayName === 'Ann' ? true : undefined), 30_000);
}, 60_000);

afterAll(async () => {
  await delivery?.stop();
  await sim?.stop();
  await publisher?.close();
  await isolation?.dispose();
});

it('sets a field changed by hand back, but not a phone number Genesys spells differently', async () => {
  const { id } = await ann();
  await call(sim.baseUrl, `/sim/org/users/${id}`, 'PATCH', {
    phoneNumbers: [{ type: 'work', value: 'tel:+1 317 555 0100' }],
  });
  await call(sim.baseUrl, `/sim/org/users/${id}`, 'PATCH', { displayName: 'Annie' });
  const repaired = await eventually(async () => {
    const now = await ann();
    return now.displayName === 'Ann' ? now : undefined;
  }, 15_000);
  expect(repaired.phoneNumbers).toEqual([{ type: 'work', value: 'tel:+1 317 555 0100' }]);
}, 30_000);

it('reports an object changed back again after the day’s repairs, and leaves it as Genesys has it', async () => {
  const { id } = await ann();
  await call(sim.baseUrl, `/sim/org/users/${id}`, 'PATCH', { displayName: 'Fighter' });
  await eventually(async () => ((await ann()).displayName === 'Ann' ? true : undefined), 15_000);
  await call(sim.baseUrl, `/sim/org/users/${id}`, 'PATCH', { displayName: 'Fighter' });
  const reported = await eventually(async () => {
    const record = (await records()).find((r) => r.kind === 'user' && r.key === 'ann');
    return record?.error_code === 'keepsDrifting' ? record : undefined;
  }, 15_000);
  expect(reported.status).toBe('error');
  await new Promise((resolve) => setTimeout(resolve, 5_000));
  expect((await ann()).displayName).toBe('Fighter');
  const audit = (await call(delivery.baseUrl, '/delivery/audit', 'GET', undefined, operatorHeaders)) as {
    lastPass?: { reported: number };
  };
  expect(audit.lastPass?.reported).toBe(1);
}, 45_000);

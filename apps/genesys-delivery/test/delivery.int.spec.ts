import {
  MappingLanguageDesired,
  MappingQueueDesired,
  MappingSkillDesired,
  MappingUserDesired,
  MappingWrapUpCodeDesired,
  type AnyEventDefinition,
  type EventData,
} from '@bridge/contracts';
import {
  callSimulator,
  createIsolation,
  eventually,
  freePort,
  operatorHeaders,
  operatorToken,
  type Isolation,
  type ServiceProcess,
  startDelivery as startDeliveryProcess,
  startGenesysSimulator,
} from '@bridge/testing';
import { desiredPublisher, type DesiredPublisher } from './support/desired-publisher';

/**
 * genesys-delivery as a process against the Genesys Cloud simulator (also a process) on real Postgres and NATS:
 * published desired documents converge to the simulator's state, under a tight rate limit and injected 503s,
 * adopting what exists, and a mass deletion waits for a confirm.
 */
interface SimState {
  org: {
    users: Record<
      string,
      {
        userName: string;
        displayName: string;
        active: boolean;
        externalId?: string;
        skills: Record<string, number>;
        languages: Record<string, number>;
        foreign: boolean;
      }
    >;
    skills: Record<string, { name: string; state: string; foreign: boolean }>;
    languages: Record<string, { name: string; state: string }>;
    wrapupCodes: Record<string, { name: string; state?: string }>;
    queues: Record<string, { name: string; members: Record<string, unknown>; wrapupCodes: string[] }>;
  };
}

let isolation: Isolation;
let publisher: DesiredPublisher;
let sim: ServiceProcess;
let delivery: ServiceProcess;
let startDelivery: () => Promise<ServiceProcess>;

const publish = <D extends AnyEventDefinition>(definition: D, data: EventData<D>) =>
  publisher.publish(definition, data);

const simCall = (path: string, method?: string, body?: unknown) => callSimulator(sim, path, method, body);

/** The service's log reaches the test through a pipe, after the answer it wrote the line for. */
const auditLogged = (line: RegExp) =>
  eventually(async () => {
    expect(delivery.output()).toMatch(line);
    return true;
  }, 5_000);
const state = async () => ((await simCall('/sim/state')) as SimState).org;
const live = <T extends { state?: string }>(entries: Record<string, T>) =>
  Object.values(entries).filter((e) => e.state === undefined || e.state === 'active');

beforeAll(async () => {
  isolation = await createIsolation('delivery');
  const [simPort, deliveryPort] = [await freePort(), await freePort()];
  sim = await startGenesysSimulator(simPort, { GC_SIM_RATE_LIMIT_PER_MINUTE: '5', GC_SIM_CLOCK_SCALE: '10' });
  // Someone else's objects: one the bridge must adopt (same name) and one it must leave alone.
  await simCall('/sim/seed', 'POST', { skills: [{ name: 'Billing' }, { name: 'Foreign' }] });
  await simCall('/sim/faults', 'POST', { pathPrefix: '/api/v2/routing', errorRatio: 0.1 });
  startDelivery = () =>
    startDeliveryProcess(isolation, deliveryPort, sim.baseUrl, {
      // Above the org's limit on purpose, so the simulator answers 429 and Retry-After is exercised.
      GC_RATE_LIMIT_PER_MINUTE: '2000',
      DELIVERY_RETRY_BASE_MS: '100',
      DELIVERY_DELETION_SETTLE_MS: '500',
    });
  delivery = await startDelivery();
  publisher = await desiredPublisher(isolation, 'delivery-test');
}, 60_000);

afterAll(async () => {
  await delivery?.stop();
  await sim?.stop();
  await publisher?.close();
  await isolation?.dispose();
});

const user = (key: string, skills: string[], languages: string[] = []) => ({
  key,
  state: 'present' as const,
  document: {
    externalId: key,
    userName: `${key}@example.com`,
    displayName: key.toUpperCase(),
    phoneNumbers: [{ type: 'work' as const, value: '+15550100' }],
    routingSkills: skills.map((k) => ({ key: k, rating: 3 })),
    routingLanguages: languages.map((k) => ({ key: k, rating: 4 })),
  },
});

it('converges published desired documents to Genesys, under a rate limit and 503s, adopting by name', async () => {
  // Users first on the wire: delivery must still create skills and languages before them.
  await publish(MappingUserDesired, user('ann', ['billing', 'vip'], ['french']));
  await publish(MappingUserDesired, user('bob', ['vip']));
  // A burst: only the newest counts. Bob has no business email in CIC; object-mapping used his mailbox one.
  const bob = user('bob', ['billing']);
  await publish(MappingUserDesired, {
    ...bob,
    document: { ...bob.document, note: 'businessEmailFromMailbox' },
  });
  await publish(MappingQueueDesired, {
    key: 'support',
    state: 'present',
    document: { name: 'Support', memberKeys: ['ann', 'bob'], wrapUpCodeKeys: ['sale'] },
  });
  for (const [key, name] of [
    ['billing', 'Billing'],
    ['vip', 'VIP'],
    ['extra', 'Extra'],
  ] as const)
    await publish(MappingSkillDesired, { key, state: 'present', document: { name } });
  await publish(MappingLanguageDesired, { key: 'french', state: 'present', document: { name: 'French' } });
  await publish(MappingWrapUpCodeDesired, { key: 'sale', state: 'present', document: { name: 'Sale' } });

  const org = await eventually(async () => {
    const org = await state();
    const queue = Object.values(org.queues).find((q) => q.name === 'Support');
    const done = queue && Object.keys(queue.members).length === 2 && queue.wrapupCodes.length === 1;
    const bob = Object.values(org.users).find((u) => u.userName === 'bob@example.com');
    const ann = Object.values(org.users).find((u) => u.userName === 'ann@example.com');
    const annDone = ann && Object.keys(ann.skills).length === 2 && Object.keys(ann.languages).length === 1;
    return done && annDone && bob && Object.keys(bob.skills).length === 1 ? org : undefined;
  }, 45_000);

  const skillName = (id: string) => org.skills[id]?.name;
  const users = Object.values(org.users).map((u) => ({
    userName: u.userName,
    displayName: u.displayName,
    externalId: u.externalId,
    skills: Object.keys(u.skills).map(skillName).sort(),
    languages: Object.keys(u.languages).map((id) => org.languages[id]?.name),
  }));
  expect(users.sort((a, b) => a.userName.localeCompare(b.userName))).toEqual([
    {
      userName: 'ann@example.com',
      displayName: 'ANN',
      externalId: 'ann',
      skills: ['Billing', 'VIP'],
      languages: ['French'],
    },
    {
      userName: 'bob@example.com',
      displayName: 'BOB',
      externalId: 'bob',
      skills: ['Billing'],
      languages: [],
    },
  ]);
  // Billing was adopted, not duplicated; the foreign skill is untouched.
  expect(
    live(org.skills)
      .map((s) => s.name)
      .sort(),
  ).toEqual(['Billing', 'Extra', 'Foreign', 'VIP']);
  const summary = (await simCall('/sim/requests/summary')) as { byStatus: Record<string, number> };
  expect(summary.byStatus['429'] ?? 0).toBeGreaterThan(0);
  expect(summary.byStatus['503'] ?? 0).toBeGreaterThan(0);

  const records = (await (
    await fetch(`${delivery.baseUrl}/delivery/records`, { headers: operatorHeaders })
  ).json()) as {
    kind: string;
    key: string;
    status: string;
    note: string | null;
  }[];
  expect(records.filter((r) => r.status === 'synced')).toHaveLength(8);
  // The record's status says where its user name came from.
  const userRecords = records
    .filter((r) => r.kind === 'user')
    .map(({ key, status, note }) => ({ key, status, note }));
  expect(userRecords).toEqual([
    { key: 'ann', status: 'synced', note: null },
    { key: 'bob', status: 'synced', note: 'businessEmailFromMailbox' },
  ]);
}, 60_000);

it('pauses a mass deletion until it is confirmed, and deletes only what it manages', async () => {
  await simCall('/sim/faults', 'DELETE');
  for (const key of ['vip', 'extra'])
    await publish(MappingSkillDesired, { key, state: 'absent', reason: 'removedFromCic' });

  const pauses = await eventually(async () => {
    const found = (await (
      await fetch(`${delivery.baseUrl}/delivery/deletions`, { headers: operatorHeaders })
    ).json()) as {
      kind: string;
    }[];
    return found.length > 0 ? found : undefined;
  });
  expect(pauses).toMatchObject([{ kind: 'skill', pending: 2, managed: 3 }]);
  await new Promise((resolve) => setTimeout(resolve, 1500));
  expect(live((await state()).skills).map((s) => s.name)).toEqual(expect.arrayContaining(['VIP', 'Extra']));

  const confirm = await fetch(`${delivery.baseUrl}/delivery/deletions/confirm`, {
    method: 'POST',
    headers: operatorHeaders,
    body: JSON.stringify({ kind: 'skill' }),
  });
  expect(await confirm.json()).toEqual({ confirmed: ['skill'] });
  await auditLogged(
    /operator action: POST \/delivery\/deletions\/confirm from \S+ .*with {\\?"kind\\?":\\?"skill\\?"}: done/,
  );
  const names = await eventually(async () => {
    const skills = live((await state()).skills)
      .map((s) => s.name)
      .sort();
    return skills.length === 2 ? skills : undefined;
  });
  expect(names).toEqual(['Billing', 'Foreign']);
}, 30_000);

it('quarantines a record that keeps failing while the rest go on, and retries it on request', async () => {
  await simCall('/sim/faults', 'POST', {
    pathPrefix: '/api/v2/routing/wrapupcodes',
    method: 'POST',
    errorRatio: 1,
    errorStatus: 500,
  });
  await publish(MappingWrapUpCodeDesired, { key: 'stuck', state: 'present', document: { name: 'Stuck' } });
  await publish(MappingSkillDesired, { key: 'later', state: 'present', document: { name: 'Later' } });
  const records = async () =>
    (await (await fetch(`${delivery.baseUrl}/delivery/records`, { headers: operatorHeaders })).json()) as {
      kind: string;
      key: string;
      status: string;
      quarantined: boolean;
      error_code: string | null;
    }[];
  const stuck = await eventually(async () => {
    const record = (await records()).find((r) => r.kind === 'wrapUpCode' && r.key === 'stuck');
    return record?.quarantined ? record : undefined;
  });
  expect(stuck).toMatchObject({ status: 'error', quarantined: true });
  await eventually(async () =>
    live((await state()).skills).some((s) => s.name === 'Later') ? true : undefined,
  );

  await simCall('/sim/faults', 'DELETE');
  const retry = await fetch(`${delivery.baseUrl}/delivery/records/retry`, {
    method: 'POST',
    headers: operatorHeaders,
    body: JSON.stringify({ kind: 'wrapUpCode', key: 'stuck' }),
  });
  expect(await retry.json()).toEqual({ released: [{ kind: 'wrapUpCode', key: 'stuck' }] });
  await auditLogged(/operator action: POST \/delivery\/records\/retry from .*stuck.*: done/);
  const synced = await eventually(async () => {
    const record = (await records()).find((r) => r.kind === 'wrapUpCode' && r.key === 'stuck');
    return record?.status === 'synced' ? record : undefined;
  });
  expect(synced).toMatchObject({ quarantined: false });
  expect(Object.values((await state()).wrapupCodes).map((c) => c.name)).toContain('Stuck');
}, 60_000);

it('refuses operator calls without the operator token or with a non-JSON body, and never logs the token', async () => {
  const confirm = (headers: Record<string, string>, body: string) =>
    fetch(`${delivery.baseUrl}/delivery/deletions/confirm`, { method: 'POST', headers, body });
  expect((await confirm({ 'Content-Type': 'application/json' }, '{}')).status).toBe(401);
  expect(
    (await confirm({ ...operatorHeaders, Authorization: 'Bearer not-the-operator-token' }, '{}')).status,
  ).toBe(401);
  expect((await fetch(`${delivery.baseUrl}/delivery/records`)).status).toBe(401);
  for (const type of ['application/x-www-form-urlencoded', 'text/plain'])
    expect((await confirm({ ...operatorHeaders, 'Content-Type': type }, 'kind=skill')).status).toBe(415);
  expect(delivery.output()).toMatch(
    /operator request refused: POST \/delivery\/deletions\/confirm .*no bearer token/,
  );
  expect(delivery.output()).not.toContain(operatorToken);
});

it('provisions again, after a restart, what Genesys lost behind its back', async () => {
  const managed = async () => {
    const org = await state();
    return {
      users: Object.values(org.users)
        .filter((u) => u.active)
        .map((u) => u.userName)
        .sort(),
      skills: live(org.skills)
        .map((s) => s.name)
        .filter((name) => name !== 'Foreign')
        .sort(),
      wrapupCodes: live(org.wrapupCodes)
        .map((c) => c.name)
        .sort(),
      queues: Object.values(org.queues)
        .map((q) => `${q.name}: ${Object.keys(q.members).length} members`)
        .sort(),
    };
  };
  const before = await managed();
  expect(before.users.length).toBeGreaterThan(0);
  await delivery.stop();
  await simCall('/sim/reset', 'POST');
  delivery = await startDelivery();
  const after = await eventually(async () => {
    const now = await managed();
    return JSON.stringify(now) === JSON.stringify(before) ? now : undefined;
  }, 30_000);
  expect(after).toEqual(before);
}, 60_000);

import * as platformClient from 'purecloud-platform-client-v2';
import { canonical, duplicates, emailHolders, syncedEmail, type GenesysDump } from './support/expected-org';
import { startSyncSystem, type SyncSystem } from './support/sync-system';

/**
 * The whole sync, every service and both simulators as processes: a generated center (2,000 users) converges to exactly the
 * org the rules of DESIGN §1 give (read through /sim/state and through the official SDK), each kind of CIC
 * change reaches Genesys, deletions follow the rules, and objects someone else made are never touched.
 */
const CENTER = { users: 2000, workgroups: 60, skills: 80, wrapups: 100, seed: 7 };

let system: SyncSystem;
let foreign: GenesysDump;

const foreignSeed = {
  skills: [{ name: 'Foreign Skill' }],
  languages: [{ name: 'Klingon' }],
  wrapupCodes: [{ name: 'Foreign Code' }],
  queues: [{ name: 'Foreign Queue' }],
  users: [
    {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      userName: 'someone.else@elsewhere.example',
      displayName: 'Someone Else',
    },
  ],
};

/** The foreign objects as they are now, to compare with how they were seeded. */
function foreignPart(org: GenesysDump): unknown {
  const only = <T extends { foreign: boolean }>(entries: Record<string, T>) =>
    Object.fromEntries(Object.entries(entries).filter(([, e]) => e.foreign));
  return {
    users: only(org.users),
    skills: only(org.skills),
    languages: only(org.languages),
    wrapupCodes: only(org.wrapupCodes),
    queues: only(org.queues),
  };
}

beforeAll(async () => {
  system = await startSyncSystem({
    label: 'sync',
    center: CENTER,
    beforeBridge: async ({ genesysCall }) => {
      await genesysCall('/sim/seed', 'POST', foreignSeed);
    },
  });
  foreign = await system.dump();
}, 120_000);

afterAll(async () => {
  await system?.stop();
});

it('converges a generated center to exactly the mapped org, leaving foreign objects alone', async () => {
  const started = Date.now();
  const { expected, actual, dump } = await system.converged(150_000);
  console.log(`converged ${Object.keys(expected.users).length} users in ${Date.now() - started} ms`);
  expect(canonical(actual)).toEqual(canonical(expected));
  expect(Object.keys(expected.users).length).toBeGreaterThan(1400);
  expect(Object.keys(expected.queues).length).toBeGreaterThan(40);
  expect(expected.languages.length).toBeGreaterThanOrEqual(10);
  expect(duplicates(dump)).toEqual([]);
  expect(foreignPart(dump)).toEqual(foreignPart(foreign));
  // The generator gives some CIC users the same business email: only the first of each is a Genesys user.
  const center = await system.center();
  const holders = emailHolders(center);
  const sharing = center.users.filter((u) => {
    const address = syncedEmail(u)?.toLowerCase();
    return address !== undefined && holders.get(address) !== u.id;
  });
  expect(sharing.length).toBeGreaterThan(0);
  const externalIdOf = new Map(
    Object.values(dump.users).map((u) => [u.userName.toLowerCase(), u.externalId]),
  );
  for (const user of sharing) {
    const address = syncedEmail(user)?.toLowerCase() ?? '';
    expect([address, externalIdOf.get(address)]).toEqual([address, holders.get(address)]);
  }
}, 180_000);

it('reads the same users and queues through the official SDK', async () => {
  const { expected } = await system.converged(10_000);
  const client = platformClient.ApiClient.instance;
  client.setGateway({ host: '127.0.0.1', protocol: 'http', port: system.genesysPort });
  await client.loginClientCredentialsGrant('bridge-sandbox', 'bridge-sandbox-secret');
  const usersApi = new platformClient.UsersApi();
  const routing = new platformClient.RoutingApi();

  const users: platformClient.Models.User[] = [];
  for (let page = 1; ; page++) {
    const listing = await usersApi.getUsers({ pageSize: 500, pageNumber: page });
    users.push(...(listing.entities ?? []));
    if (page >= (listing.pageCount ?? 0)) break;
  }
  const emailOf = new Map(users.map((u) => [u.id ?? '', u.email ?? '']));
  const managedUsers = users.filter((u) => u.email !== 'someone.else@elsewhere.example');
  expect(managedUsers.map((u) => u.email).sort()).toEqual(Object.keys(expected.users).sort());
  expect(Object.fromEntries(managedUsers.map((u) => [u.email, u.name]))).toEqual(
    Object.fromEntries(Object.entries(expected.users).map(([email, u]) => [email, u.displayName])),
  );

  const queues: platformClient.Models.Queue[] = [];
  for (let page = 1; ; page++) {
    const listing = await routing.getRoutingQueues({ pageSize: 100, pageNumber: page });
    queues.push(...(listing.entities ?? []));
    if (page >= (listing.pageCount ?? 0)) break;
  }
  const actualQueues: Record<string, { members: string[]; wrapUpCodes: string[] }> = {};
  for (const queue of queues.filter((q) => q.name !== 'Foreign Queue')) {
    const members: string[] = [];
    for (let page = 1; ; page++) {
      const listing = await routing.getRoutingQueueMembers(queue.id ?? '', {
        pageSize: 100,
        pageNumber: page,
      });
      const entities = listing.entities ?? [];
      members.push(...entities.map((m) => emailOf.get(m.id ?? '') ?? `?${m.id}`));
      if (entities.length < 100) break;
    }
    const codes = await routing.getRoutingQueueWrapupcodes(queue.id ?? '', { pageSize: 100 });
    actualQueues[queue.name ?? ''] = {
      members: members.sort(),
      wrapUpCodes: (codes.entities ?? []).map((c) => c.name ?? '').sort(),
    };
  }
  const sorted = (record: Record<string, { members: string[]; wrapUpCodes: string[] }>) =>
    Object.fromEntries(
      Object.entries(record).map(([name, q]) => [
        name,
        { members: [...q.members].sort(), wrapUpCodes: [...q.wrapUpCodes].sort() },
      ]),
    );
  expect(sorted(actualQueues)).toEqual(sorted(expected.queues));
}, 60_000);

const path = (kind: string, id: string, rest = '') => `/sim/${kind}/${encodeURIComponent(id)}${rest}`;
const userByName = (org: GenesysDump, userName: string) =>
  Object.values(org.users).find((u) => u.userName === userName);
const queueByName = (org: GenesysDump, name: string) =>
  Object.values(org.queues).find((q) => q.name === name);
const named = (entries: Record<string, { name: string; state?: string }>, name: string) =>
  Object.values(entries).filter((e) => e.name === name);
/** A user's skills or languages by name. */
const ratings = (
  entries: Record<string, { name: string }>,
  held: Record<string, number>,
): Record<string, number> =>
  Object.fromEntries(Object.entries(held).map(([id, rating]) => [entries[id]?.name ?? `?${id}`, rating]));

describe('every kind of CIC change reaches Genesys', () => {
  const ann = 'ann@e2e.example';
  const bob = 'bob@e2e.example';
  const dan = 'dan@e2e.example';

  async function converge(): Promise<GenesysDump> {
    const { expected, actual, dump } = await system.converged(30_000);
    expect(canonical(actual)).toEqual(canonical(expected));
    return dump;
  }

  it('adds users, a workgroup with members, skills, a language-to-be and a wrap-up code', async () => {
    await system.cicCall('/sim/skills', 'POST', { id: 'E2E Skill' });
    await system.cicCall('/sim/skills', 'POST', { id: 'E2E Inherited' });
    await system.cicCall('/sim/skills', 'POST', { id: 'E2E Lang', displayName: 'E2E Language' });
    await system.cicCall('/sim/wrap-up-codes', 'POST', { id: 'E2E.Code', displayName: 'E2E Code' });
    await system.cicCall('/sim/users', 'POST', {
      id: 'e2e.ann',
      displayName: 'Ann Example',
      businessEmail: ann,
      phones: { business: '+1 317 555 0101', business2: '+1 317 555 0102', mobile: '+1 317 555 0103' },
      skills: [{ skillId: 'E2E Skill', proficiency: 35, desireToUse: 0 }],
    });
    await system.cicCall('/sim/users', 'POST', {
      id: 'e2e.bob',
      businessEmail: bob,
      phones: { home: '+1 317 555 0104', fax: '+1 317 555 0105' },
    });
    // Cat takes Dan's business email after him: Genesys has one user per email, and it stays Dan's.
    await system.cicCall('/sim/users', 'POST', { id: 'e2e.dan', businessEmail: dan });
    await system.cicCall('/sim/users', 'POST', { id: 'e2e.cat', businessEmail: 'DAN@e2e.example' });
    await system.cicCall('/sim/workgroups', 'POST', {
      id: 'E2E Team',
      queueType: 'ACD',
      isActive: true,
      skills: [
        { skillId: 'E2E Skill', proficiency: 80, desireToUse: 0 },
        { skillId: 'E2E Inherited', proficiency: 61, desireToUse: 0 },
        { skillId: 'E2E Lang', proficiency: 100, desireToUse: 0 },
      ],
      wrapUpCodes: ['E2E.Code'],
    });
    await system.cicCall(path('workgroups', 'E2E Team', '/members/e2e.ann'), 'PUT');
    await system.cicCall(path('workgroups', 'E2E Team', '/members/e2e.bob'), 'PUT');

    const org = await converge();
    const annUser = userByName(org, ann);
    expect(annUser).toMatchObject({ displayName: 'Ann Example', externalId: 'e2e.ann', active: true });
    expect(annUser?.phoneNumbers.map((p) => [p.type, p.value]).sort()).toEqual([
      ['mobile', '+1 317 555 0103'],
      ['work', '+1 317 555 0101'],
      ['work2', '+1 317 555 0102'],
    ]);
    // Direct wins (35 → 2 stars) over the workgroup's 80; the rest is inherited (61 → 4, 100 → 5).
    expect(ratings(org.skills, annUser?.skills ?? {})).toEqual({
      'E2E Skill': 2,
      'E2E Inherited': 4,
      'E2E Language': 5,
    });
    const bobUser = userByName(org, bob);
    expect(bobUser).toMatchObject({ displayName: 'e2e.bob' });
    expect(bobUser?.phoneNumbers.map((p) => [p.type, p.value]).sort()).toEqual([
      ['home', '+1 317 555 0104'],
      ['other', '+1 317 555 0105'],
    ]);
    expect(ratings(org.skills, bobUser?.skills ?? {})).toEqual({
      'E2E Skill': 4,
      'E2E Inherited': 4,
      'E2E Language': 5,
    });
    expect(userByName(org, dan)).toMatchObject({ externalId: 'e2e.dan', active: true });
    const queue = queueByName(org, 'E2E Team');
    expect(Object.keys(queue?.members ?? {}).sort()).toEqual([annUser?.id, bobUser?.id].sort());
    expect(queue?.wrapupCodes.map((id) => org.wrapupCodes[id]?.name)).toEqual(['E2E Code']);
  }, 60_000);

  it('moves a skill and every assignment when Treat as Language is toggled', async () => {
    await system.cicCall(path('skills', 'E2E Lang'), 'PATCH', { treatAsLanguage: true });
    const org = await converge();
    expect(named(org.skills, 'E2E Language').map((s) => s.state)).toEqual(['deleted']);
    expect(named(org.languages, 'E2E Language').map((l) => l.state)).toEqual(['active']);
    const bobUser = userByName(org, bob);
    expect(ratings(org.languages, bobUser?.languages ?? {})).toEqual({ 'E2E Language': 5 });
    expect(ratings(org.skills, bobUser?.skills ?? {})).toEqual({ 'E2E Skill': 4, 'E2E Inherited': 4 });
  }, 60_000);

  it('drops an inherited skill removed from a workgroup, keeping direct ones', async () => {
    await system.cicCall(path('workgroups', 'E2E Team'), 'PATCH', {
      skills: [
        { skillId: 'E2E Skill', proficiency: 80, desireToUse: 0 },
        { skillId: 'E2E Lang', proficiency: 100, desireToUse: 0 },
      ],
    });
    const org = await converge();
    expect(ratings(org.skills, userByName(org, ann)?.skills ?? {})).toEqual({ 'E2E Skill': 2 });
    expect(ratings(org.skills, userByName(org, bob)?.skills ?? {})).toEqual({ 'E2E Skill': 4 });
    expect(named(org.skills, 'E2E Inherited').map((s) => s.state)).toEqual(['active']);
  }, 60_000);

  it('deactivates a user who loses the business email and takes them off the queue; follows renames', async () => {
    await system.cicCall(path('users', 'e2e.ann'), 'PATCH', { businessEmail: null });
    await system.cicCall(path('users', 'e2e.bob'), 'PATCH', {
      displayName: 'Bob Renamed',
      phones: { mobile: '+1 317 555 0199' },
    });
    await system.cicCall(path('wrap-up-codes', 'E2E.Code'), 'PATCH', { displayName: 'E2E Code Renamed' });
    await system.cicCall(path('users', 'e2e.dan'), 'PATCH', { businessEmail: 'dan.new@e2e.example' });
    const org = await converge();
    // Dan let the email go, so Cat, next in line, has it now; Dan is a Genesys user under the new one.
    expect(userByName(org, dan)?.externalId ?? userByName(org, 'DAN@e2e.example')?.externalId).toBe(
      'e2e.cat',
    );
    expect(userByName(org, 'dan.new@e2e.example')).toMatchObject({ externalId: 'e2e.dan', active: true });
    expect(duplicates(org)).toEqual([]);
    const annUser = userByName(org, ann);
    expect(annUser).toMatchObject({ active: false, state: 'inactive' });
    const bobUser = userByName(org, bob);
    expect(bobUser?.displayName).toBe('Bob Renamed');
    const queue = queueByName(org, 'E2E Team');
    expect(Object.keys(queue?.members ?? {})).toEqual([bobUser?.id]);
    expect(queue?.wrapupCodes.map((id) => org.wrapupCodes[id]?.name)).toEqual(['E2E Code Renamed']);
  }, 60_000);

  it('deletes what CIC deleted — queue, skill, wrap-up code — and deactivates a removed user', async () => {
    const before = await system.dump();
    const queueId = Object.entries(before.queues).find(([, q]) => q.name === 'E2E Team')?.[0];
    await system.cicCall(path('workgroups', 'E2E Team'), 'DELETE');
    await system.cicCall(path('skills', 'E2E Skill'), 'DELETE');
    await system.cicCall(path('wrap-up-codes', 'E2E.Code'), 'DELETE');
    await system.cicCall(path('users', 'e2e.bob'), 'DELETE');
    const org = await converge();
    expect(queueId && org.queues[queueId]).toBeFalsy();
    expect(named(org.skills, 'E2E Skill').map((s) => s.state)).toEqual(['deleted']);
    expect(named(org.wrapupCodes, 'E2E Code Renamed').filter((c) => c.state !== 'deleted')).toEqual([]);
    expect(userByName(org, bob)).toMatchObject({ active: false });
    expect(duplicates(org)).toEqual([]);
    expect(foreignPart(org)).toEqual(foreignPart(foreign));
  }, 60_000);
});

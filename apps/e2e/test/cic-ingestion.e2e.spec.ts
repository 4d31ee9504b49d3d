import { cicKindOf, cicStreamId, type CicObjectKind } from '@bridge/contracts';
import { openEventStoreDatabase, PostgresEventStore, type StoredEvent } from '@bridge/event-store';
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

// The simulator's /sim/center, as much of it as the expected events need (fixture form, README "Fixture format").
interface SkillAssignment {
  skillId: string;
  proficiency: number;
  desireToUse?: number;
}
interface Center {
  users: {
    id: string;
    displayName?: string;
    businessEmail?: string;
    mailboxEmail?: string;
    phones: Record<string, string>;
    skills: SkillAssignment[];
  }[];
  workgroups: {
    id: string;
    displayName?: string;
    queueType: string;
    isActive: boolean;
    members: string[];
    skills: SkillAssignment[];
    wrapUpCodes: string[];
  }[];
  skills: { id: string; displayName?: string; treatAsLanguage: boolean }[];
  wrapUpCodes: { id: string; displayName?: string }[];
}

let isolation: Isolation;
let dataSource: DataSource;
let store: PostgresEventStore;
let cic: ServiceProcess;
let ingestion: ServiceProcess;
let cicServers: string[];
let ingestionPort: number;

const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const sortedSkills = (skills: SkillAssignment[]) =>
  skills
    .map(({ skillId, proficiency, desireToUse }) => ({ skillId, proficiency, desireToUse }))
    .sort((a, b) => byId(a.skillId, b.skillId));

function canonical(value: unknown): string {
  const sort = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(sort)
      : typeof v === 'object' && v !== null
        ? Object.fromEntries(
            Object.keys(v)
              .sort()
              .filter((key) => (v as Record<string, unknown>)[key] !== undefined)
              .map((key) => [key, sort((v as Record<string, unknown>)[key])]),
          )
        : v;
  return JSON.stringify(sort(value));
}

/** What the log must hold for the center: stream → canonical `…Changed` data, written from the fixture form. */
async function expectedStreams(): Promise<Map<string, string>> {
  const center = (await (await fetch(`${cic.baseUrl}/sim/center`)).json()) as Center;
  const out = new Map<string, string>();
  const put = (kind: CicObjectKind, id: string, data: unknown) =>
    out.set(cicStreamId(kind, id), canonical(data));
  for (const u of center.users)
    put('user', u.id, {
      user: {
        id: u.id,
        displayName: u.displayName,
        businessEmail: u.businessEmail,
        mailboxEmail: u.mailboxEmail,
        phones: u.phones,
        skills: sortedSkills(u.skills),
      },
    });
  for (const w of center.workgroups)
    put('workgroup', w.id, {
      workgroup: {
        id: w.id,
        displayName: w.displayName,
        queueType: w.queueType,
        hasQueue: w.queueType !== 'None',
        isActive: w.isActive,
        members: [...w.members].sort(byId),
        skills: sortedSkills(w.skills),
        wrapUpCodes: [...w.wrapUpCodes].sort(byId),
      },
    });
  for (const s of center.skills)
    put('skill', s.id, {
      skill: { id: s.id, displayName: s.displayName, treatAsLanguage: s.treatAsLanguage },
    });
  for (const c of center.wrapUpCodes)
    put('wrapUpCode', c.id, { wrapUpCode: { id: c.id, displayName: c.displayName } });
  return out;
}

/** The configuration events of the log (status facts, recorded too, are cic-ingestion-status.e2e's). */
async function readLog(): Promise<StoredEvent[]> {
  const events: StoredEvent[] = [];
  for (let position = 0; ;) {
    const batch = await store.readAll(position, 10_000);
    events.push(...batch.filter((event) => cicKindOf(event.type) !== undefined));
    if (batch.length < 10_000) return events;
    position = batch.at(-1)?.position ?? position;
  }
}

/** stream → canonical data of its live object (removed streams left out), and the streams with a repeated state. */
function projectLog(events: readonly StoredEvent[]) {
  const last = new Map<string, StoredEvent>();
  const duplicates: string[] = [];
  for (const event of events) {
    const previous = last.get(event.streamId);
    if (previous && previous.type === event.type && canonical(previous.data) === canonical(event.data))
      duplicates.push(event.streamId);
    last.set(event.streamId, event);
  }
  const live = new Map<string, string>();
  last.forEach((event, stream) => event.type.endsWith('Changed') && live.set(stream, canonical(event.data)));
  return { live, duplicates };
}

function differences(actual: Map<string, string>, expected: Map<string, string>): string[] {
  const out: string[] = [];
  expected.forEach(
    (data, stream) =>
      actual.get(stream) !== data && out.push(`${stream}: ${actual.get(stream) ?? 'missing'} ≠ ${data}`),
  );
  actual.forEach((_data, stream) => !expected.has(stream) && out.push(`${stream}: not in the center`));
  return out;
}

/** Waits until the log equals the center, then checks it has no duplicate states. */
async function logEqualsCenter(timeoutMs = 20_000): Promise<void> {
  await eventually(async () => {
    const { live } = projectLog(await readLog());
    return differences(live, await expectedStreams()).length === 0 ? true : undefined;
  }, timeoutMs).catch(async (error: unknown) => {
    const { live } = projectLog(await readLog());
    throw new Error(
      `${String(error)}\n${differences(live, await expectedStreams())
        .slice(0, 5)
        .join('\n')}`,
    );
  });
  expect(projectLog(await readLog()).duplicates).toEqual([]);
}

const sim = (method: string, path: string, body?: unknown) => simRequest(cic, method, path, body);

function startIngestion(): Promise<ServiceProcess> {
  return startCicIngestion({ isolation, cicServers, port: ingestionPort });
}

beforeAll(async () => {
  isolation = await createIsolation('cicingest');
  const [cicPort, backupPort] = [await freePort(), await freePort()];
  ingestionPort = await freePort();
  cic = await startServiceProcess({
    name: 'cic-simulator',
    main: 'apps/cic-simulator/src/main.ts',
    args: [
      '--port',
      String(cicPort),
      '--backup-port',
      String(backupPort),
      '--users',
      '2000',
      '--workgroups',
      '60',
    ],
    env: { LOG_LEVEL: 'warn', CIC_SIM_PING_MS: '1000' },
    baseUrl: `http://127.0.0.1:${cicPort}`,
    ready: '/sim/state',
  });
  cicServers = [`http://127.0.0.1:${cicPort}`, `http://127.0.0.1:${backupPort}`];
  dataSource = await openEventStoreDatabase({ url: isolation.databaseUrl, schema: isolation.schema });
  store = new PostgresEventStore(dataSource, isolation.schema);
  ingestion = await startIngestion();
});

afterAll(async () => {
  await ingestion?.stop();
  await cic?.stop();
  await dataSource?.destroy();
  await isolation?.dispose();
});

it('turns the snapshot of a 2,000-user center into exactly one …Changed per object', async () => {
  const expected = await expectedStreams();
  await logEqualsCenter();
  const events = await readLog();
  expect(events).toHaveLength(expected.size);
  expect(new Set(events.map((event) => event.streamId)).size).toBe(expected.size);
});

it('turns each admin change into exactly one event', async () => {
  const changes: [string, string, unknown, string][] = [
    [
      'POST',
      '/users',
      { id: 'zoë.new', displayName: 'Zoë New', businessEmail: 'zoe@example.com' },
      'CicUserChanged',
    ],
    ['PATCH', `/users/${encodeURIComponent('zoë.new')}`, { businessEmail: null }, 'CicUserChanged'],
    ['POST', '/skills', { id: 'Ελληνικά', treatAsLanguage: true }, 'CicSkillChanged'],
    ['PATCH', `/skills/${encodeURIComponent('Ελληνικά')}`, { treatAsLanguage: false }, 'CicSkillChanged'],
    ['POST', '/wrap-up-codes', { id: 'Sale.Won' }, 'CicWrapUpCodeChanged'],
    [
      'POST',
      '/workgroups',
      { id: 'New Team', queueType: 'ACD', wrapUpCodes: ['Sale.Won'] },
      'CicWorkgroupChanged',
    ],
    [
      'PUT',
      `/workgroups/${encodeURIComponent('New Team')}/members/PureCloudAdmin`,
      undefined,
      'CicWorkgroupChanged',
    ],
    ['DELETE', `/users/${encodeURIComponent('zoë.new')}`, undefined, 'CicUserRemoved'],
  ];
  for (const [method, path, body, type] of changes) {
    const before = (await readLog()).length;
    await sim(method, path, body);
    const events = await eventually(async () => {
      const log = await readLog();
      return log.length > before ? log : undefined;
    });
    await new Promise((resolve) => setTimeout(resolve, 300)); // room for a second, unwanted event
    const after = await readLog();
    expect([`${method} ${path}`, after.length - before, after.at(-1)?.type]).toEqual([
      `${method} ${path}`,
      1,
      type,
    ]);
    expect(events.at(-1)?.id).toBe(after.at(-1)?.id);
  }
  await logEqualsCenter();
});

it('continues on the backup within 5 s when the primary goes down, losing nothing', async () => {
  await sim('POST', '/primary/down');
  const started = Date.now();
  await sim('POST', '/wrap-up-codes', { id: 'During.Switchover' });
  await eventually(
    async () =>
      (await readLog()).some((event) => event.streamId === cicStreamId('wrapUpCode', 'During.Switchover')) ||
      undefined,
  );
  expect(Date.now() - started).toBeLessThan(5_000);
  await logEqualsCenter();
  await sim('POST', '/primary/up');
});

it('after a SIGKILL mid-stream, with the admin still changing things, the log equals the center without duplicates', async () => {
  let stop = false;
  let n = 0;
  const admin = (async () => {
    while (!stop) {
      const id = `churn.${n}`;
      await sim('POST', '/users', { id, businessEmail: `${id}@example.com` });
      await sim('PATCH', `/users/${id}`, { displayName: `Churn ${n}` });
      if (n % 2 === 0) await sim('DELETE', `/users/${id}`);
      if (n % 5 === 0)
        await sim('PATCH', `/skills/${encodeURIComponent('Ελληνικά')}`, { treatAsLanguage: n % 10 === 0 });
      n++;
    }
  })();
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  await ingestion.kill();
  await new Promise((resolve) => setTimeout(resolve, 1_000)); // changes the dead ingestion misses, removals included
  ingestion = await startIngestion();
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  stop = true;
  await admin;
  expect(n).toBeGreaterThan(5);
  await logEqualsCenter();
});

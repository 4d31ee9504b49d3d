import { cicKindOf, cicStreamId } from '@bridge/contracts';
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
import { startCicIngestion } from './support/cic-ingestion-process';
import { canonical } from './support/expected-org';

// A CIC server that leaves out every optional property, as a real one does with NULLs or with names other than the
// ones we inferred (reference §3.2–3.4). Each entry: what the simulator omits, and the property (kind, ICWS path) the
// ingestion must default and warn about once. Written here on their own, not read from libs/cic-sync.
const OMITTED: readonly [string, string, string][] = [
  ['users.personalInformationProperties.emailAddress', 'user', 'personalInformationProperties.emailAddress'],
  ['users.mailboxProperties.emailAddress', 'user', 'mailboxProperties.emailAddress'],
  [
    'users.personalInformationProperties.businessNumber',
    'user',
    'personalInformationProperties.businessNumber',
  ],
  [
    'users.personalInformationProperties.business2Number',
    'user',
    'personalInformationProperties.business2Number',
  ],
  ['users.personalInformationProperties.mobileNumber', 'user', 'personalInformationProperties.mobileNumber'],
  ['users.personalInformationProperties.homeNumber', 'user', 'personalInformationProperties.homeNumber'],
  ['users.personalInformationProperties.faxNumber', 'user', 'personalInformationProperties.faxNumber'],
  ['users.skills', 'user', 'skills.actualValue'],
  ['workgroups.queueType', 'workgroup', 'queueType'],
  ['workgroups.hasQueue', 'workgroup', 'hasQueue'],
  ['workgroups.isActive', 'workgroup', 'isActive'],
  ['workgroups.members', 'workgroup', 'members'],
  ['workgroups.skills', 'workgroup', 'skills'],
  ['workgroups.wrapUpCodes', 'workgroup', 'wrapUpCodes'],
  ['skills.treatAsLanguage', 'skill', 'treatAsLanguage'],
];

interface Center {
  users: { id: string; displayName?: string }[];
  workgroups: { id: string; displayName?: string }[];
  skills: { id: string; displayName?: string }[];
  wrapUpCodes: { id: string; displayName?: string }[];
}

let isolation: Isolation;
let dataSource: DataSource;
let store: PostgresEventStore;
let cic: ServiceProcess;
let ingestion: ServiceProcess;

const named = (object: { id: string; displayName?: string }) => ({
  id: object.id,
  ...(object.displayName === undefined ? {} : { displayName: object.displayName }),
});

/** What the log must hold when every optional property is left out: the documented defaults (libs/cic-sync README). */
async function expectedStreams(): Promise<Map<string, string>> {
  const center = (await (await fetch(`${cic.baseUrl}/sim/center`)).json()) as Center;
  const out = new Map<string, string>();
  for (const u of center.users)
    out.set(cicStreamId('user', u.id), canonical({ user: { ...named(u), phones: {}, skills: [] } }));
  for (const w of center.workgroups)
    out.set(
      cicStreamId('workgroup', w.id),
      canonical({
        // Active, with an ACD queue: what makes a non-system workgroup a Genesys queue (DESIGN §1).
        workgroup: {
          ...named(w),
          queueType: 'ACD',
          hasQueue: true,
          isActive: true,
          members: [],
          skills: [],
          wrapUpCodes: [],
        },
      }),
    );
  for (const s of center.skills)
    out.set(cicStreamId('skill', s.id), canonical({ skill: { ...named(s), treatAsLanguage: false } }));
  for (const c of center.wrapUpCodes)
    out.set(cicStreamId('wrapUpCode', c.id), canonical({ wrapUpCode: named(c) }));
  return out;
}

async function liveStreams(): Promise<Map<string, string>> {
  const events: StoredEvent[] = await store.readAll(0, 10_000);
  const live = new Map<string, string>();
  // Configuration only: the status facts cic-ingestion also records are cic-ingestion-status.e2e's.
  for (const event of events.filter((logged) => cicKindOf(logged.type) !== undefined))
    if (event.type.endsWith('Changed')) live.set(event.streamId, canonical(event.data));
    else live.delete(event.streamId);
  return live;
}

async function logEqualsCenter(): Promise<void> {
  const expected = await expectedStreams();
  await eventually(async () => {
    const live = await liveStreams();
    const same =
      live.size === expected.size && [...expected].every(([stream, data]) => live.get(stream) === data);
    return same ? true : undefined;
  }).catch(async (error: unknown) => {
    const live = await liveStreams();
    const wrong = [...expected].filter(([stream, data]) => live.get(stream) !== data).slice(0, 3);
    throw new Error(
      `${String(error)}\n${wrong.map(([s, d]) => `${s}: ${live.get(s) ?? 'missing'} ≠ ${d}`).join('\n')}`,
    );
  });
}

const warningsAbout = (kind: string, path: string) =>
  ingestion.output().split(`CIC sent a ${kind} without ${path} (`).length - 1;

beforeAll(async () => {
  isolation = await createIsolation('cicomit');
  const cicPort = await freePort();
  cic = await startServiceProcess({
    name: 'cic-simulator',
    main: 'apps/cic-simulator/src/main.ts',
    args: [
      '--port',
      String(cicPort),
      '--users',
      '40',
      '--workgroups',
      '8',
      '--skills',
      '6',
      '--wrapups',
      '5',
    ],
    env: { LOG_LEVEL: 'warn', CIC_SIM_OMIT_PROPERTIES: OMITTED.map(([omit]) => omit).join(',') },
    baseUrl: `http://127.0.0.1:${cicPort}`,
    ready: '/sim/state',
  });
  ingestion = await startCicIngestion({ isolation, cicServers: [cic.baseUrl], port: await freePort() });
  dataSource = await openEventStoreDatabase({ url: isolation.databaseUrl, schema: isolation.schema });
  store = new PostgresEventStore(dataSource, isolation.schema);
});

afterAll(async () => {
  await ingestion?.stop();
  await cic?.stop();
  await dataSource?.destroy();
  await isolation?.dispose();
});

it('reads every object of a server that omits each optional property, with the documented defaults', async () => {
  await logEqualsCenter();
});

it.each(OMITTED.map(([, kind, path]) => [kind, path]))(
  'warns once about a %s without %s',
  async (kind, path) => {
    await eventually(async () => (warningsAbout(kind, path) > 0 ? true : undefined));
    expect(warningsAbout(kind, path)).toBe(1);
  },
);

it('keeps reading later changes with the defaults, without warning again', async () => {
  const before = OMITTED.map(([, kind, path]) => warningsAbout(kind, path));
  const response = await fetch(`${cic.baseUrl}/sim/workgroups`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ id: 'Late Team', queueType: 'ACD', isActive: false }),
  });
  expect(response.status).toBe(201);
  await logEqualsCenter();
  expect(OMITTED.map(([, kind, path]) => warningsAbout(kind, path))).toEqual(before);
});

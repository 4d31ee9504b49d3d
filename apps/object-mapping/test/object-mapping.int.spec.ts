import {
  CicSkillChanged,
  CicStatusMessageChanged,
  CicUserChanged,
  CicUserStatusChanged,
  CicWorkgroupChanged,
  CicWrapUpCodeChanged,
  type BridgeEvent,
  type CicSkill,
  type CicUser,
  type CicWorkgroup,
  type EventDefinition,
} from '@bridge/contracts';
import { connectNats, ensureStreams, EventPublisher, Topology, type NatsConnection } from '@bridge/messaging';
import {
  createIsolation,
  eventually,
  freePort,
  startServiceProcess,
  type Isolation,
  type ServiceProcess,
} from '@bridge/testing';
import { jetstreamManager } from '@nats-io/jetstream';
import { cicPublisher } from './support/cic-publisher';
import { readStream } from '../src/projection/stream-readers';
import { aStatusMessage } from './support/status-message';

// object-mapping as a process against the real NATS: CIC events in (published on cic.> as cic-ingestion's relay
// does), desired documents out on MAPPING, nothing republished that did not change, across restarts too.

let isolation: Isolation;
let nats: NatsConnection;
let topology: Topology;
let publisher: EventPublisher;
let service: ServiceProcess | undefined;

async function startMapping(env: Record<string, string> = {}): Promise<ServiceProcess> {
  const port = await freePort();
  return startServiceProcess({
    name: 'object-mapping',
    main: 'apps/object-mapping/src/main.ts',
    env: { ...isolation.env, OBJECT_MAPPING_PORT: String(port), ...env },
    baseUrl: `http://127.0.0.1:${port}`,
  });
}

const cic = <D extends EventDefinition>(definition: D, data: unknown) =>
  cicPublisher(publisher)(definition, data);
const user = (u: CicUser) => cic(CicUserChanged, { user: u });
const workgroup = (w: CicWorkgroup) => cic(CicWorkgroupChanged, { workgroup: w });
const skill = (s: CicSkill) => cic(CicSkillChanged, { skill: s });

/** The last desired document per target on MAPPING, as `<type> <key>` → data. */
async function mapping(): Promise<Map<string, unknown>> {
  const documents = new Map<string, unknown>();
  await readStream(nats, topology, { stream: 'MAPPING', lastPerSubject: true }, (event: BridgeEvent) => {
    documents.set(`${event.type} ${(event.data as { key: string }).key}`, event.data);
  });
  return documents;
}

async function lastSequence(stream: 'CIC' | 'MAPPING'): Promise<number> {
  return (await (await jetstreamManager(nats)).streams.info(topology.stream(stream))).state.last_seq;
}

/** Waits until object-mapping has acknowledged every CIC event published so far (publishes happen before). */
async function caughtUp(): Promise<void> {
  const target = await lastSequence('CIC');
  const manager = await jetstreamManager(nats);
  await eventually(async () => {
    const info = await manager.consumers.info(topology.stream('CIC'), 'object-mapping--cic-events');
    return info.ack_floor.stream_seq >= target ? true : undefined;
  });
}

beforeAll(async () => {
  isolation = await createIsolation('objmapping');
  topology = new Topology(isolation.namespace);
  nats = await connectNats(isolation.natsUrl, 'object-mapping-test');
  await ensureStreams(nats, topology);
  publisher = new EventPublisher(nats, topology);
  service = await startMapping();
});

afterAll(async () => {
  await service?.stop();
  await nats?.close();
  await isolation?.dispose();
});

it('publishes the desired documents of a small center, and "not synced" with the reason', async () => {
  await skill({ id: 'Billing', displayName: 'Billing L2', treatAsLanguage: false });
  await skill({ id: 'Spanish', treatAsLanguage: true });
  await cic(CicWrapUpCodeChanged, { wrapUpCode: { id: 'Sold' } });
  await user({
    id: 'John.Smith',
    businessEmail: 'john.smith@example.com',
    phones: { business: '+1 317 555 0100', fax: '+1 317 555 0199' },
    skills: [{ skillId: 'Spanish', proficiency: 100 }],
  });
  await user({ id: 'No Email', phones: {}, skills: [] });
  await user({ id: 'Mailbox.Only', mailboxEmail: 'mo@mail.example.com', phones: {}, skills: [] });
  const sales = {
    id: 'Sales Team',
    queueType: 'ACD',
    hasQueue: true,
    isActive: true,
    members: ['John.Smith', 'No Email'],
    skills: [{ skillId: 'Billing', proficiency: 45 }],
    wrapUpCodes: ['Sold'],
  };
  await workgroup(sales);
  await workgroup({ ...sales, id: '_Supervisors', skills: [], wrapUpCodes: [] });
  await caughtUp();

  const documents = await mapping();
  expect(Object.fromEntries(documents)).toEqual({
    'MappingSkillDesired Billing': { key: 'Billing', state: 'present', document: { name: 'Billing L2' } },
    'MappingLanguageDesired Spanish': { key: 'Spanish', state: 'present', document: { name: 'Spanish' } },
    'MappingWrapUpCodeDesired Sold': { key: 'Sold', state: 'present', document: { name: 'Sold' } },
    'MappingUserDesired John.Smith': {
      key: 'John.Smith',
      state: 'present',
      document: {
        externalId: 'John.Smith',
        userName: 'john.smith@example.com',
        displayName: 'John.Smith',
        phoneNumbers: [
          { type: 'work', value: '+1 317 555 0100' },
          { type: 'other', value: '+1 317 555 0199' },
        ],
        routingSkills: [{ key: 'Billing', rating: 3 }],
        routingLanguages: [{ key: 'Spanish', rating: 5 }],
      },
    },
    'MappingUserDesired No Email': { key: 'No Email', state: 'absent', reason: 'noBusinessEmail' },
    // No business email: synced under the mailbox one, and the document says so (delivery shows it as a note).
    'MappingUserDesired Mailbox.Only': {
      key: 'Mailbox.Only',
      state: 'present',
      document: {
        externalId: 'Mailbox.Only',
        userName: 'mo@mail.example.com',
        displayName: 'Mailbox.Only',
        phoneNumbers: [],
        routingSkills: [],
        routingLanguages: [],
        note: 'businessEmailFromMailbox',
      },
    },
    'MappingQueueDesired Sales Team': {
      key: 'Sales Team',
      state: 'present',
      document: { name: 'Sales Team', memberKeys: ['John.Smith'], wrapUpCodeKeys: ['Sold'] },
    },
    'MappingQueueDesired _Supervisors': { key: '_Supervisors', state: 'absent', reason: 'systemWorkgroup' },
  });
});

it('republishes nothing when a CIC event changes nothing, and only what a change touches', async () => {
  const before = await lastSequence('MAPPING');
  await skill({ id: 'Billing', displayName: 'Billing L2', treatAsLanguage: false });
  await caughtUp();
  expect(await lastSequence('MAPPING')).toBe(before);

  await skill({ id: 'Billing', displayName: 'Billing L2', treatAsLanguage: true });
  await caughtUp();
  // The skill leaves the skills, joins the languages, and its one holder follows.
  expect(await lastSequence('MAPPING')).toBe(before + 3);
  const documents = await mapping();
  expect(documents.get('MappingSkillDesired Billing')).toEqual({
    key: 'Billing',
    state: 'absent',
    reason: 'treatedAsLanguage',
  });
  expect(documents.get('MappingLanguageDesired Billing')).toMatchObject({ state: 'present' });
  expect(documents.get('MappingUserDesired John.Smith')).toMatchObject({
    document: {
      routingSkills: [],
      routingLanguages: [
        { key: 'Billing', rating: 3 },
        { key: 'Spanish', rating: 5 },
      ],
    },
  });
});

it('rebuilds on restart without republishing, and publishes what changed while it was down', async () => {
  await service?.stop();
  const before = await lastSequence('MAPPING');
  await user({ id: 'No Email', businessEmail: 'no.email@example.com', phones: {}, skills: [] });
  service = await startMapping();
  await caughtUp();
  // The user now synced, and the queue it is a member of.
  expect(await lastSequence('MAPPING')).toBe(before + 2);
  const documents = await mapping();
  expect(documents.get('MappingQueueDesired Sales Team')).toMatchObject({
    document: { memberKeys: ['John.Smith', 'No Email'] },
  });

  await service.kill();
  const afterCrash = await lastSequence('MAPPING');
  service = await startMapping();
  await caughtUp();
  expect(await lastSequence('MAPPING')).toBe(afterCrash);
});

it('republishes every document when started with MAPPING_REBUILD=true (reprovisioning)', async () => {
  await service?.stop();
  const before = await lastSequence('MAPPING');
  const count = (await mapping()).size;
  service = await startMapping({ MAPPING_REBUILD: 'true' });
  await caughtUp();
  await eventually(async () => ((await lastSequence('MAPPING')) === before + count ? true : undefined));
});

it('maps a status to a presence and its message to a secondary status, and re-sequences them on a new mode', async () => {
  await cic(CicStatusMessageChanged, { statusMessage: aStatusMessage('At Lunch', { groupTag: 'Break' }) });
  const status = { statusId: 'at lunch', loggedIn: true, onPhone: false, changedAt: '2026-12-01T09:00:00Z' };
  await cic(CicUserStatusChanged, { userStatus: { userId: 'John.Smith', ...status } });
  await cic(CicUserStatusChanged, { userStatus: { userId: 'Unknown.User', ...status } });
  await caughtUp();
  const statusSequence = await lastSequence('CIC');

  let documents = await mapping();
  expect(documents.get('MappingSecondaryStatusDesired At Lunch')).toEqual({
    key: 'At Lunch',
    state: 'present',
    document: { name: 'At Lunch', systemPresence: 'Meal' },
  });
  // The document's every field is the unit spec's; here: the sequence is the status event's on the real stream.
  expect(documents.get('MappingPresenceDesired John.Smith')).toMatchObject({
    state: 'present',
    document: { systemPresence: 'Meal', secondaryStatusKey: 'At Lunch', sequence: statusSequence - 1 },
  });
  // A status CIC gave for a user it never listed says nothing (there is nothing to deliver it to).
  expect(documents.has('MappingPresenceDesired Unknown.User')).toBe(false);

  await service?.stop();
  service = await startMapping({ MAPPING_PRESENCE_MODE: 'statusOnly' });
  await caughtUp();
  documents = await mapping();
  const presence = documents.get('MappingPresenceDesired John.Smith');
  expect(presence).not.toHaveProperty('document.routingStatus');
  expect(presence).toMatchObject({ document: { sequence: statusSequence } });
});

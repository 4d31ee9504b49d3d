import {
  MappingPresenceDesired,
  MappingSecondaryStatusDesired,
  MappingUserDesired,
  type DesiredPresence,
} from '@bridge/contracts';
import {
  createIsolation,
  eventually,
  freePort,
  operatorHeaders,
  type Isolation,
  type ServiceProcess,
  startDelivery,
  startGenesysSimulator,
} from '@bridge/testing';
import { desiredPublisher, type DesiredPublisher } from './support/desired-publisher';

/**
 * genesys-delivery's presence lane and secondary statuses as a process against the Genesys Cloud simulator on real
 * Postgres and NATS: the bridge's own presence source, primary sources, presence and routing status events in
 * order (an older change after a newer one is ignored), out of office, and secondary statuses created, renamed,
 * deactivated, or left alone when their synchronization option is off.
 */
interface SimOrg {
  users: Record<string, { userName: string }>;
  presenceDefinitions: Record<
    string,
    {
      id: string;
      type: 'System' | 'User';
      languageLabels: Record<string, string>;
      systemPresence: string;
      deactivated: boolean;
    }
  >;
  sources: Record<string, { id: string; name: string }>;
  presences: Record<string, Record<string, { presenceDefinitionId: string; message?: string }>>;
  primarySources: Record<string, { sourceId: string }>;
  routingStatus: Record<string, { status: string }>;
  outOfOffice: Record<string, { active: boolean; endDate?: string }>;
}

let isolation: Isolation;
let publisher: DesiredPublisher;
let sim: ServiceProcess;
let delivery: ServiceProcess;

const org = async () => ((await (await fetch(`${sim.baseUrl}/sim/state`)).json()) as { org: SimOrg }).org;

beforeAll(async () => {
  isolation = await createIsolation('presence');
  const [simPort, deliveryPort] = [await freePort(), await freePort()];
  sim = await startGenesysSimulator(simPort);
  delivery = await startDelivery(isolation, deliveryPort, sim.baseUrl);
  publisher = await desiredPublisher(isolation, 'presence-test');
}, 60_000);

afterAll(async () => {
  await delivery?.stop();
  await sim?.stop();
  await publisher?.close();
  await isolation?.dispose();
});

const presence = (sequence: number, fields: Partial<DesiredPresence>) =>
  publisher.publish(MappingPresenceDesired, {
    key: 'cat',
    state: 'present',
    document: {
      statusId: 'Available',
      systemPresence: 'OnQueue',
      changedAt: new Date(Date.UTC(2026, 11, 1, 10, 0, sequence)).toISOString(),
      sequence,
      ...fields,
    },
  });

/** Cat's Genesys id, the bridge's source and what Genesys shows for cat, once cat exists. */
async function catInGenesys() {
  const state = await org();
  const [catId] = Object.entries(state.users).find(([, u]) => u.userName === 'cat@example.com') ?? [];
  const source = Object.values(state.sources).find((s) => s.name === 'Cloud Bridge for PureConnect');
  if (!catId || !source) return undefined;
  const shown = state.presences[catId]?.[source.id];
  const definition = shown && state.presenceDefinitions[shown.presenceDefinitionId];
  return {
    state,
    primarySourceIsOurs: state.primarySources[catId]?.sourceId === source.id,
    definition: definition && {
      type: definition.type,
      systemPresence: definition.systemPresence,
      name: definition.languageLabels['en_US'],
    },
    message: shown?.message,
    routingStatus: state.routingStatus[catId]?.status,
    outOfOffice: state.outOfOffice[catId],
  };
}

it('delivers the latest presence of a user created while statuses were already flowing, never an older one', async () => {
  // Presence first, before the user exists: it waits and is sent as soon as the user is live.
  await presence(1, { routingStatus: 'IDLE' });
  await presence(3, { routingStatus: 'INTERACTING', message: 'on a call' });
  await presence(2, { routingStatus: 'OFF_QUEUE' });
  await publisher.publish(MappingUserDesired, {
    key: 'cat',
    state: 'present',
    document: {
      externalId: 'cat',
      userName: 'cat@example.com',
      displayName: 'Cat',
      phoneNumbers: [],
      routingSkills: [],
      routingLanguages: [],
    },
  });
  const cat = await eventually(async () => {
    const cat = await catInGenesys();
    return cat?.routingStatus === 'INTERACTING' ? cat : undefined;
  }, 30_000);
  expect(cat).toMatchObject({
    primarySourceIsOurs: true,
    definition: { type: 'System', systemPresence: 'OnQueue' },
    message: 'on a call',
    routingStatus: 'INTERACTING',
  });
}, 45_000);

it('shows a secondary status under its system presence, with out of office, then renames and deactivates it', async () => {
  await publisher.publish(MappingSecondaryStatusDesired, {
    key: 'On Vacation',
    state: 'present',
    document: { name: 'On Vacation', systemPresence: 'Away' },
  });
  const endDate = '2026-12-24T00:00:00.000Z';
  await presence(4, {
    statusId: 'On Vacation',
    systemPresence: 'Away',
    secondaryStatusKey: 'On Vacation',
    routingStatus: 'OFF_QUEUE',
    outOfOffice: { active: true, endDate },
  });
  const away = await eventually(async () => {
    const cat = await catInGenesys();
    return cat?.definition?.name === 'On Vacation' && cat.outOfOffice?.active ? cat : undefined;
  }, 30_000);
  expect(away).toMatchObject({
    definition: { type: 'User', systemPresence: 'Away' },
    routingStatus: 'OFF_QUEUE',
    outOfOffice: { active: true, endDate },
  });

  const vacationDefinitions = (state: SimOrg, name: string) =>
    Object.values(state.presenceDefinitions).filter(
      (d) => d.type === 'User' && d.languageLabels['en_US'] === name,
    );
  await publisher.publish(MappingSecondaryStatusDesired, {
    key: 'On Vacation',
    state: 'present',
    document: { name: 'Vacation', systemPresence: 'Away' },
  });
  await eventually(
    async () => vacationDefinitions(await org(), 'Vacation').length === 1 || undefined,
    20_000,
  );
  await publisher.publish(MappingSecondaryStatusDesired, {
    key: 'On Vacation',
    state: 'absent',
    reason: 'removedFromCic',
  });
  const [retired] = await eventually(async () => {
    const found = vacationDefinitions(await org(), 'Vacation');
    return found[0]?.deactivated ? found : undefined;
  }, 20_000);
  expect(retired).toMatchObject({ deactivated: true, systemPresence: 'Away' });
}, 90_000);

it('leaves a secondary status as it is when its synchronization option is off', async () => {
  await publisher.publish(MappingSecondaryStatusDesired, {
    key: 'At Lunch',
    state: 'present',
    document: { name: 'At Lunch', systemPresence: 'Meal' },
  });
  const lunch = (state: SimOrg) =>
    Object.values(state.presenceDefinitions).find((d) => d.languageLabels['en_US'] === 'At Lunch');
  await eventually(async () => lunch(await org()), 20_000);
  await publisher.publish(MappingSecondaryStatusDesired, {
    key: 'At Lunch',
    state: 'absent',
    reason: 'syncOptionOff',
  });
  const status = await eventually(async () => {
    const response = await fetch(`${delivery.baseUrl}/delivery/records`, { headers: operatorHeaders });
    if (!response.ok) return undefined;
    const records = (await response.json()) as { kind: string; key: string; reason?: string }[];
    return records.find(
      (r) => r.kind === 'secondaryStatus' && r.key === 'At Lunch' && r.reason === 'syncOptionOff',
    );
  }, 20_000);
  expect(status).toBeDefined();
  expect(lunch(await org())).toMatchObject({ deactivated: false });
}, 45_000);

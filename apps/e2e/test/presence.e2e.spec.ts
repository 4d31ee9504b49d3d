import { isDeepStrictEqual } from 'node:util';
import { eventually } from '@bridge/testing';
import {
  actualPresence,
  expectedPresence,
  type CicPresenceCenter,
  type CicUserStatus,
  type GenesysPresenceState,
  type PresenceMode,
  type PresenceView,
} from './support/expected-presence';
import { startSyncSystem, type BridgeService, type SyncSystem } from './support/sync-system';

/**
 * The presence lane end to end, every service and both simulators as processes: each row of the default mapping
 * table set in CIC reads back from Genesys (presence, routing status, out of office); status messages become
 * secondary statuses (created, renamed, deactivated); status-only mode sends presence alone; and a status storm
 * survives kill -9 of each service with every agent's final presence equal to its last CIC status, none applied
 * out of order.
 */
const CENTER = { users: 30, workgroups: 2, skills: 2, wrapups: 2, seed: 12 };
const UNTIL = '2026-12-24T17:00:00.000Z';
/** Statuses the default CIC set lacks but the table names. */
const EXTRA_STATUSES = [
  { statusId: 'On Break', groupTag: 'Break' },
  { statusId: 'Training', groupTag: 'Busy' },
];
/** One CIC status per row of the default mapping table. */
const ROWS: Omit<CicUserStatus, 'userId'>[] = [
  { statusId: 'Available', loggedIn: false, onPhone: false },
  { statusId: 'Available', loggedIn: true, onPhone: false },
  { statusId: 'Available', loggedIn: true, onPhone: true },
  { statusId: 'Follow Up', loggedIn: true, onPhone: false },
  { statusId: 'At Lunch', loggedIn: true, onPhone: false },
  { statusId: 'Away from desk', loggedIn: true, onPhone: false },
  { statusId: 'On Break', loggedIn: true, onPhone: false },
  { statusId: 'In a Meeting', loggedIn: true, onPhone: false },
  { statusId: 'Training', loggedIn: true, onPhone: false },
  { statusId: 'Do Not Disturb', loggedIn: true, onPhone: false },
  { statusId: 'Out of the Office', loggedIn: true, onPhone: false, until: UNTIL },
  { statusId: 'On Vacation', loggedIn: true, onPhone: false, until: UNTIL },
  { statusId: 'Out of Town', loggedIn: true, onPhone: false, until: UNTIL },
  { statusId: 'Gone Home', loggedIn: true, onPhone: false },
  { statusId: 'Working at Home', loggedIn: true, onPhone: false },
];

interface Definition {
  id: string;
  type: string;
  name: string;
  systemPresence: string;
  deactivated: boolean;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function cicCenter(system: SyncSystem): Promise<CicPresenceCenter> {
  return (await system.cicCall('/sim/center')) as CicPresenceCenter;
}

async function genesysPresence(
  system: SyncSystem,
): Promise<GenesysPresenceState & { definitions: Definition[] }> {
  return (
    (await system.genesysCall('/sim/state')) as {
      presence: GenesysPresenceState & { definitions: Definition[] };
    }
  ).presence;
}

/** CIC ids of the users the bridge synced (their Genesys user's externalId). */
async function syncedUsers(system: SyncSystem): Promise<string[]> {
  const { expected } = await system.converged(90_000);
  return Object.values(expected.users)
    .map((u) => u.externalId)
    .filter((id): id is string => id !== undefined)
    .sort();
}

async function setStatus(system: SyncSystem, status: CicUserStatus): Promise<void> {
  const { userId, ...body } = status;
  await system.cicCall(`/sim/user-statuses/${encodeURIComponent(userId)}`, 'PUT', body);
}

/** What each of these CIC users should show, from the CIC center's current statuses. */
async function expectedFor(
  system: SyncSystem,
  userIds: readonly string[],
  mode: PresenceMode,
): Promise<Record<string, PresenceView>> {
  const center = await cicCenter(system);
  const messages = new Map(center.statusMessages.map((m) => [m.statusId.toLowerCase(), m]));
  const statuses = new Map(center.userStatuses.map((s) => [s.userId, s]));
  const views: Record<string, PresenceView> = {};
  for (const userId of userIds) {
    const status = statuses.get(userId);
    if (!status) continue;
    views[userId] = expectedPresence(status, messages.get(status.statusId.toLowerCase()), mode);
  }
  return views;
}

/** Waits until Genesys shows `expected` for those users; returns what it showed last (for a readable diff). */
async function presenceOf(
  system: SyncSystem,
  expected: Record<string, PresenceView>,
  timeoutMs: number,
): Promise<Record<string, PresenceView>> {
  let last: Record<string, PresenceView> = {};
  const read = async () => {
    const all = actualPresence(await system.dump(), await genesysPresence(system));
    last = Object.fromEntries(Object.keys(expected).map((id) => [id, all[id] as PresenceView]));
    return isDeepStrictEqual(last, expected) ? last : undefined;
  };
  return eventually(read, timeoutMs).catch(() => last);
}

describe('WEM mode', () => {
  let system: SyncSystem;
  let users: string[] = [];

  beforeAll(async () => {
    system = await startSyncSystem({ label: 'presence', center: CENTER });
    for (const { statusId, groupTag } of EXTRA_STATUSES)
      await system.cicCall(`/sim/status-messages/${encodeURIComponent(statusId)}`, 'PUT', { groupTag });
    users = await syncedUsers(system);
  }, 150_000);

  afterAll(async () => {
    await system?.stop();
  });

  it('shows every row of the default mapping table in Genesys', async () => {
    expect(users.length).toBeGreaterThanOrEqual(ROWS.length);
    for (const [index, row] of ROWS.entries())
      await setStatus(system, { userId: users[index] ?? '', ...row });
    const expected = await expectedFor(system, users.slice(0, ROWS.length), 'wem');
    const actual = await presenceOf(system, expected, 60_000);
    expect(actual).toEqual(expected);
  }, 90_000);

  it('creates, renames and deactivates a secondary status as the CIC status message changes', async () => {
    const userDefinitions = async () =>
      (await genesysPresence(system)).definitions.filter((d) => d.type === 'User');
    const put = (messageText: string) =>
      system.cicCall('/sim/status-messages/Coaching', 'PUT', { messageText, groupTag: 'Busy' });
    await put('Coaching');
    const created = await eventually(
      async () => (await userDefinitions()).find((d) => d.name === 'Coaching' && !d.deactivated),
      30_000,
    );
    expect(created).toMatchObject({ systemPresence: 'Busy' });
    await put('Coaching session');
    await eventually(
      async () => (await userDefinitions()).find((d) => d.id === created.id && d.name === 'Coaching session'),
      30_000,
    );
    await system.cicCall('/sim/status-messages/Coaching', 'DELETE');
    const retired = await eventually(
      async () => (await userDefinitions()).find((d) => d.id === created.id && d.deactivated),
      30_000,
    );
    expect(retired.name).toBe('Coaching session');
    expect((await userDefinitions()).filter((d) => d.name.startsWith('Coaching'))).toHaveLength(1);
  }, 120_000);

  it('keeps every agent exact through a status storm with each service killed and restarted', async () => {
    const storm = (await system.cicCall('/sim/status-storm', 'POST', {
      changesPerMinute: 40,
      durationS: 15,
      seed: 12,
    })) as { agents: number; expectedChanges: number };
    console.log(`storm: ${storm.agents} agents, about ${storm.expectedChanges} changes`);
    const services: BridgeService[] = ['cic-ingestion', 'object-mapping', 'genesys-delivery'];
    for (const name of services) {
      await sleep(3_000);
      await system.service(name).kill();
      await system.start(name);
    }
    await eventually(async () => {
      const state = (await system.cicCall('/sim/status-storm')) as { running: boolean };
      return state.running ? undefined : true;
    }, 60_000);
    const expected = await expectedFor(system, users, 'wem');
    const actual = await presenceOf(system, expected, 90_000);
    expect(actual).toEqual(expected);
    const stats = (await system.genesysCall('/sim/presence-stats')) as Record<string, unknown>;
    console.log(`presence stats after the storm: ${JSON.stringify(stats)}`);
    expect(stats['outOfOrder']).toBe(0);
  }, 180_000);
});

describe('status-only mode', () => {
  let system: SyncSystem;
  let users: string[] = [];

  beforeAll(async () => {
    system = await startSyncSystem({
      label: 'presenceonly',
      center: CENTER,
      mappingEnv: { MAPPING_PRESENCE_MODE: 'statusOnly' },
    });
    users = await syncedUsers(system);
  }, 150_000);

  afterAll(async () => {
    await system?.stop();
  });

  it('sends presence alone: no routing status, no out of office', async () => {
    const rows = ROWS.filter((row) => ['Available', 'Out of the Office', 'At Lunch'].includes(row.statusId));
    for (const [index, row] of rows.entries())
      await setStatus(system, { userId: users[index] ?? '', ...row });
    const expected = await expectedFor(system, users.slice(0, rows.length), 'statusOnly');
    const actual = await presenceOf(system, expected, 60_000);
    expect(actual).toEqual(expected);
    const stats = (await system.genesysCall('/sim/presence-stats')) as Record<string, unknown>;
    expect(stats['routingStatusEvents']).toBe(0);
    const requests = (await system.genesysCall('/sim/requests/summary')) as {
      byEndpoint: Record<string, number>;
    };
    expect(Object.keys(requests.byEndpoint).filter((e) => e.includes('outofoffice'))).toEqual([]);
  }, 90_000);
});

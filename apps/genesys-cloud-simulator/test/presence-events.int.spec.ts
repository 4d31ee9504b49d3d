import { type RunningGenesysCloudSimulator, startGenesysCloudSimulator } from '../src/server';
import { type Reply, send, token } from './http-client';

/**
 * The presence lane as a client meets it over HTTP: per-event validation, the batch limit, retries and late
 * events, secondary statuses, and what /sim/state and /sim/presence-stats show.
 */
let sim: RunningGenesysCloudSimulator;
let bearer = '';
let userId = '';
let sourceId = '';
const api = (method: string, path: string, body?: unknown): Promise<Reply> =>
  send(sim.url, bearer, method, path, body);
const uuid = (): string => crypto.randomUUID();
const at = (seconds: number): string => new Date(Date.UTC(2026, 11, 1, 10, 0, seconds)).toISOString();

interface UserState {
  presence?: { name: string; systemPresence: string; eventDateTime: string };
  primarySourceId: string;
  routingStatus?: { status: string; eventDateTime: string };
  outOfOffice?: { active: boolean; endDate?: string };
}

async function userState(): Promise<UserState> {
  const state = (await send(sim.url, undefined, 'GET', '/sim/state')).body as {
    presence: { users: Record<string, UserState> };
  };
  const user = state.presence.users[userId];
  if (!user) throw new Error(`user ${userId} missing from /sim/state presence.users`);
  return user;
}

async function stats(): Promise<Record<string, number>> {
  return (await send(sim.url, undefined, 'GET', '/sim/presence-stats')).body as Record<string, number>;
}

async function definitionId(systemPresence: string): Promise<string> {
  const list = (await api('GET', '/api/v2/presence/definitions')).body as {
    entities: { id: string; type: string; systemPresence: string }[];
  };
  const found = list.entities.find((d) => d.type === 'System' && d.systemPresence === systemPresence);
  if (!found) throw new Error(`no System definition for ${systemPresence}`);
  return found.id;
}

beforeAll(async () => {
  sim = await startGenesysCloudSimulator({ port: 0, rateLimitPerMinute: 100_000 });
  bearer = await token(sim.url);
  const user = await api('POST', '/api/v2/scim/v2/Users', {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
    userName: 'agent@example.com',
    displayName: 'Agent',
    active: true,
  });
  userId = (user.body as { id: string }).id;
  sourceId = ((await api('POST', '/api/v2/presence/sources', { name: 'PureConnect' })).body as { id: string })
    .id;
  await api('PUT', `/api/v2/presence/users/${userId}/primarysource`, { sourceId, registered: true });
});

afterAll(async () => {
  await sim.close();
});

describe('presence and routing status events', () => {
  it('answers each bad event in errors and applies the good ones', async () => {
    const available = await definitionId('Available');
    const good = { eventId: uuid(), eventDateTime: at(1), userId, sourceId, presenceDefinitionId: available };
    const reply = await api('POST', '/api/v2/events/users/presence', {
      userPresenceEvents: [
        good,
        { ...good, eventId: 'not-a-uuid' },
        { ...good, eventId: uuid(), eventDateTime: 'Dec 1 2026' },
        { ...good, eventId: uuid(), userId: uuid() },
        { ...good, eventId: uuid(), sourceId: uuid() },
        { ...good, eventId: uuid(), presenceDefinitionId: uuid() },
      ],
    });
    expect(reply.status).toBe(200);
    const errors = (reply.body as { errors: { message: string; retryable: boolean }[] }).errors;
    expect(errors.map((e) => e.message)).toEqual([
      'eventId must be a UUIDv4',
      'eventDateTime must be an ISO-8601 date-time',
      expect.stringMatching(/^User .* does not exist$/),
      expect.stringMatching(/^Source .* does not exist$/),
      expect.stringMatching(/^Presence definition .* does not exist$/),
    ]);
    expect((await userState()).presence).toMatchObject({ systemPresence: 'Available', name: 'Available' });
  });

  it('spells routing statuses as the events API does and keeps the PUT spelling in state', async () => {
    const routing = (status: string) => ({
      eventId: uuid(),
      eventDateTime: at(2),
      agentId: userId,
      status,
      sourceId,
    });
    const reply = await api('POST', '/api/v2/events/users/routingstatus', {
      userRoutingStatusEvents: [routing('Interacting'), routing('INTERACTING'), routing('toString')],
    });
    expect((reply.body as { errors: unknown[] }).errors).toHaveLength(2);
    expect((await userState()).routingStatus).toEqual({ status: 'INTERACTING', eventDateTime: at(2) });
  });

  it('refuses a batch over 500 events with 400', async () => {
    const events = Array.from({ length: 501 }, () => ({
      eventId: uuid(),
      eventDateTime: at(3),
      userId,
      sourceId,
    }));
    expect((await api('POST', '/api/v2/events/users/presence', { userPresenceEvents: events })).status).toBe(
      400,
    );
  });

  it('takes a retried event once and ignores an older one, counting both', async () => {
    const before = await stats();
    const meal = await definitionId('Meal');
    const busy = await definitionId('Busy');
    const newer = { eventId: uuid(), eventDateTime: at(20), userId, sourceId, presenceDefinitionId: meal };
    const older = { eventId: uuid(), eventDateTime: at(10), userId, sourceId, presenceDefinitionId: busy };
    await api('POST', '/api/v2/events/users/presence', { userPresenceEvents: [newer] });
    const reply = await api('POST', '/api/v2/events/users/presence', { userPresenceEvents: [newer, older] });
    expect((reply.body as { errors: unknown[] }).errors).toEqual([]);
    expect((await userState()).presence).toMatchObject({ systemPresence: 'Meal', eventDateTime: at(20) });
    const after = await stats();
    expect(after['duplicates']).toBe((before['duplicates'] ?? 0) + 1);
    expect(after['outOfOrder']).toBe((before['outOfOrder'] ?? 0) + 1);
    expect(after['presenceEvents']).toBe((before['presenceEvents'] ?? 0) + 1);
    expect(after['batches']).toBe((before['batches'] ?? 0) + 2);
  });
});

describe('secondary statuses, primary source and out of office', () => {
  it('creates, renames and deactivates a secondary status; a deactivated one is refused in events', async () => {
    const created = await api('POST', '/api/v2/presence/definitions', {
      name: 'Coffee',
      type: 'User',
      languageLabels: { en_US: 'Coffee' },
      systemPresence: 'Break',
    });
    const { id } = created.body as { id: string };
    expect(created.body).toMatchObject({ name: 'Coffee', type: 'User', systemPresence: 'Break' });
    const renamed = await api('PUT', `/api/v2/presence/definitions/${id}`, {
      languageLabels: { en_US: 'Coffee break' },
      systemPresence: 'Break',
    });
    expect(renamed.body).toMatchObject({ name: 'Coffee break', deactivated: false });
    await api('POST', '/api/v2/events/users/presence', {
      userPresenceEvents: [
        { eventId: uuid(), eventDateTime: at(30), userId, sourceId, presenceDefinitionId: id },
      ],
    });
    expect((await userState()).presence).toMatchObject({ name: 'Coffee break', systemPresence: 'Break' });
    const retired = await api('PUT', `/api/v2/presence/definitions/${id}`, {
      languageLabels: { en_US: 'Coffee break' },
      systemPresence: 'Break',
      deactivated: true,
    });
    expect(retired.body).toMatchObject({ deactivated: true });
    const refused = await api('POST', '/api/v2/events/users/presence', {
      userPresenceEvents: [
        { eventId: uuid(), eventDateTime: at(31), userId, sourceId, presenceDefinitionId: id },
      ],
    });
    expect((refused.body as { errors: { message: string }[] }).errors[0]?.message).toMatch(/is deactivated$/);
  });

  it('refuses a secondary status under OnQueue or Offline', async () => {
    for (const systemPresence of ['OnQueue', 'Offline']) {
      const reply = await api('POST', '/api/v2/presence/definitions', {
        languageLabels: { en_US: `Under ${systemPresence}` },
        systemPresence,
      });
      expect(reply.status).toBe(400);
    }
  });

  it('shows the primary source and out of office per user, and refuses an end before the start', async () => {
    const reply = await api('PUT', `/api/v2/users/${userId}/outofoffice`, {
      active: true,
      indefinite: false,
      startDate: at(40),
      endDate: '2026-12-24T00:00:00.000Z',
    });
    expect(reply.status).toBe(200);
    expect(await userState()).toMatchObject({
      primarySourceId: sourceId,
      outOfOffice: { active: true, endDate: '2026-12-24T00:00:00.000Z' },
    });
    const backwards = await api('PUT', `/api/v2/users/${userId}/outofoffice`, {
      active: true,
      startDate: at(40),
      endDate: at(39),
    });
    expect(backwards.status).toBe(400);
  });
});

import { startCicSimulator, type RunningCicSimulator } from '../src/server';
import { connect, icws, poll, sim, type TestSession } from './icws-test-session';
import { readEvents } from './sse-reader';

const USERS = 'urn:inin.com:configuration.people:usersMessage';
const WORKGROUPS = 'urn:inin.com:configuration.people:workgroupsMessage';
const SKILLS = 'urn:inin.com:configuration.people:skillsMessage';
const WRAP_UPS = 'urn:inin.com:configuration.system:wrapUpCodesMessage';

describe('ICWS messaging', () => {
  let simulator: RunningCicSimulator;
  let session: TestSession;

  beforeAll(async () => {
    simulator = await startCicSimulator({
      port: 0,
      logLevel: 'silent',
      pingIntervalMs: 50,
      generate: { users: 30, workgroups: 8, skills: 6, wrapUpCodes: 6, seed: 3 },
    });
  });
  beforeEach(async () => {
    session = await connect(simulator.url);
  });
  afterAll(() => simulator.close());

  const subscribe = (type: string, body: unknown) =>
    icws(session, 'PUT', `/messaging/subscriptions/configuration/${type}/sub-${type}`, body);

  it('polls a snapshot, then one delta per admin change, and clears the queue', async () => {
    expect(
      (
        await subscribe('users', {
          configurationIds: ['*'],
          properties: ['personalInformationProperties.emailAddress'],
        })
      ).status,
    ).toBe(200);
    const [snapshot] = await poll(session);
    expect(snapshot).toMatchObject({ __type: USERS, isDelta: false, subscriptionId: 'sub-users' });
    expect((snapshot?.['added'] as unknown[]).length).toBe(30);
    expect(await poll(session)).toEqual([]);

    expect(
      (await sim(simulator.url, 'POST', '/users', { id: 'zoë.new', businessEmail: 'zoe@example.com' }))
        .status,
    ).toBe(201);
    expect(
      (await sim(simulator.url, 'PATCH', `/users/${encodeURIComponent('zoë.new')}`, { businessEmail: null }))
        .status,
    ).toBe(200);
    expect((await sim(simulator.url, 'DELETE', `/users/${encodeURIComponent('zoë.new')}`)).status).toBe(204);
    const ref = { id: 'zoë.new', uri: '/configuration/users/zo%C3%AB.new' };
    expect(await poll(session)).toEqual([
      {
        __type: USERS,
        isDelta: true,
        subscriptionId: 'sub-users',
        added: [{ configurationId: ref, personalInformationProperties: { emailAddress: 'zoe@example.com' } }],
        changed: [],
        removed: [],
      },
      {
        __type: USERS,
        isDelta: true,
        subscriptionId: 'sub-users',
        added: [],
        changed: [{ configurationId: ref, personalInformationProperties: { emailAddress: null } }],
        removed: [],
      },
      {
        __type: USERS,
        isDelta: true,
        subscriptionId: 'sub-users',
        added: [],
        changed: [],
        removed: [{ configurationId: ref }],
      },
    ]);
  });

  it('refuses "*" for both configurationIds and properties', async () => {
    expect((await subscribe('users', { configurationIds: ['*'], properties: ['*'] })).status).toBe(400);
  });

  it('emits workgroup, skill and wrap-up code messages for admin changes', async () => {
    await subscribe('workgroups', {
      configurationIds: ['*'],
      properties: ['members', 'skills', 'wrapUpCodes', 'queueType'],
    });
    await subscribe('skills', { configurationIds: ['*'], properties: ['treatAsLanguage'] });
    await subscribe('wrap-up-codes', { configurationIds: ['*'], properties: ['category'] });
    await poll(session);
    await sim(simulator.url, 'POST', '/skills', { id: 'Ελληνικά', treatAsLanguage: true });
    await sim(simulator.url, 'POST', '/wrap-up-codes', { id: 'Sale.Won', category: 'Sales' });
    await sim(simulator.url, 'POST', '/workgroups', {
      id: 'New Team',
      queueType: 'ACD',
      skills: [{ skillId: 'Ελληνικά', proficiency: 50 }],
      wrapUpCodes: ['Sale.Won'],
    });
    await sim(simulator.url, 'PUT', `/workgroups/New%20Team/members/PureCloudAdmin`);
    await sim(simulator.url, 'PATCH', `/skills/${encodeURIComponent('Ελληνικά')}`, {
      treatAsLanguage: false,
    });
    const messages = await poll(session);
    expect(messages.map((m) => m['__type'])).toEqual([SKILLS, WRAP_UPS, WORKGROUPS, WORKGROUPS, SKILLS]);
    expect(messages[3]?.['changed']).toEqual([
      expect.objectContaining({ members: [expect.objectContaining({ id: 'PureCloudAdmin' })] }) as unknown,
    ]);
    expect(messages[4]?.['changed']).toEqual([
      expect.objectContaining({ treatAsLanguage: false }) as unknown,
    ]);
  });

  it('streams the same messages as server-sent events, with pings while idle', async () => {
    await subscribe('wrap-up-codes', { configurationIds: ['*'] });
    const response = await icws(session, 'GET', '/messaging/messages', undefined, {
      accept: 'text/event-stream',
    });
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    setTimeout(() => void sim(simulator.url, 'POST', '/wrap-up-codes', { id: 'Streamed' }), 100);
    const events = await readEvents(
      response,
      (seen) => seen.filter((e) => e.data).length >= 2 && seen.some((e) => e.comment === 'ping'),
    );
    const messages = events
      .filter((e) => e.data)
      .map((e) => JSON.parse(e.data ?? '') as Record<string, unknown>);
    expect(messages.map((m) => m['isDelta'])).toEqual([false, true]);
    expect(messages[1]?.['added']).toEqual([
      { configurationId: expect.objectContaining({ id: 'Streamed' }) as unknown },
    ]);
    expect(events.filter((e) => e.data).map((e) => [e.id, e.event])).toEqual([
      ['1', 'message'],
      ['2', 'message'],
    ]);
    expect(events.some((e) => e.comment === 'ping')).toBe(true);
  });

  it('sends user status snapshots and changes', async () => {
    await icws(session, 'PUT', '/messaging/subscriptions/status/user-statuses', {
      userIds: ['PureCloudAdmin'],
    });
    await sim(simulator.url, 'PUT', '/user-statuses/PureCloudAdmin', {
      statusId: 'In a Meeting',
      notes: 'standup',
    });
    expect(
      (await icws(session, 'PUT', '/status/user-statuses/PureCloudAdmin', { statusId: 'available' })).status,
    ).toBe(202);
    const messages = await poll(session);
    expect(
      messages.map((m) => [m['isDelta'], (m['userStatusList'] as { statusId: string }[])[0]?.statusId]),
    ).toEqual([
      [false, expect.any(String)],
      [true, 'In a Meeting'],
      [true, 'Available'],
    ]);
  });

  it('sends the status message list on subscribe', async () => {
    await icws(session, 'PUT', '/messaging/subscriptions/status/status-messages', {});
    const [message] = await poll(session);
    expect(message).toMatchObject({ __type: 'urn:inin.com:status:statusMessagesMessage', isDelta: false });
    expect((message?.['statusMessagesAdded'] as unknown[]).length).toBeGreaterThan(10);

    await sim(simulator.url, 'PUT', '/status-messages/Coaching', { groupTag: 'Busy' });
    await sim(simulator.url, 'PUT', '/status-messages/Coaching', { groupTag: 'Training' });
    await sim(simulator.url, 'DELETE', '/status-messages/coaching');
    const deltas = await poll(session);
    expect(
      deltas.map((m) => [
        m['isDelta'],
        m['statusMessagesAdded'],
        m['statusMessagesChanged'],
        m['statusMessagesRemoved'],
      ]),
    ).toEqual([
      [
        true,
        [expect.objectContaining({ statusId: 'Coaching', groupTag: 'Busy', messageText: 'Coaching' })],
        [],
        [],
      ],
      [true, [], [expect.objectContaining({ statusId: 'Coaching', groupTag: 'Training' })], []],
      [true, [], [], ['Coaching']],
    ]);
  });

  it('answers the admin API with 400, 404 and 409 as fits', async () => {
    expect((await sim(simulator.url, 'POST', '/users', { displayName: 'no id' })).status).toBe(400);
    expect((await sim(simulator.url, 'PATCH', '/users/nobody', { title: 'x' })).status).toBe(404);
    expect((await sim(simulator.url, 'POST', '/users', { id: 'PureCloudAdmin' })).status).toBe(409);
    expect(
      (await sim(simulator.url, 'PUT', '/user-statuses/PureCloudAdmin', { statusId: 'Asleep' })).status,
    ).toBe(400);
  });
});

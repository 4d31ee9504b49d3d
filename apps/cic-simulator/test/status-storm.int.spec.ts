import { startCicSimulator, type RunningCicSimulator } from '../src/server';
import { connect, icws, poll, sim, type TestSession } from './icws-test-session';
import { readEvents, type SseEvent } from './sse-reader';

interface WireStatus {
  userId: string;
  statusId: string;
  onPhone: boolean;
  loggedIn: boolean;
}
interface SimUserStatus {
  userId: string;
  statusId: string;
  onPhone: boolean;
}

const USER_STATUS = 'urn:inin.com:status:userStatusMessage';
const statusesIn = (messages: readonly Record<string, unknown>[]): WireStatus[] =>
  messages
    .filter((message) => message['__type'] === USER_STATUS && message['isDelta'] === true)
    .flatMap((message) => message['userStatusList'] as WireStatus[]);

describe('status storms and status definitions', () => {
  let simulator: RunningCicSimulator;
  let session: TestSession;
  let userIds: string[];

  beforeAll(async () => {
    simulator = await startCicSimulator({
      port: 0,
      logLevel: 'silent',
      generate: { users: 200, workgroups: 2, skills: 2, wrapUpCodes: 2, seed: 5 },
    });
    userIds = simulator.simulation.center.users.values().map((user) => user.id);
  });
  beforeEach(async () => {
    session = await connect(simulator.url);
  });
  afterEach(async () => {
    await sim(simulator.url, 'DELETE', '/status-storm');
  });
  afterAll(() => simulator.close());

  const lastStatuses = async (): Promise<Map<string, SimUserStatus>> => {
    const state = (await (await sim(simulator.url, 'GET', '/state')).json()) as {
      userStatuses: SimUserStatus[];
    };
    return new Map(state.userStatuses.map((status) => [status.userId, status]));
  };

  it('streams every change of a storm, batched per tick, and ends on the last status of each agent', async () => {
    await icws(session, 'PUT', '/messaging/subscriptions/status/user-statuses', { userIds });
    const stream = await icws(session, 'GET', '/messaging/messages', undefined, {
      accept: 'text/event-stream',
    });
    const started = await sim(simulator.url, 'POST', '/status-storm', {
      agents: 150,
      changesPerMinute: 60,
      durationS: 2,
      seed: 11,
    });
    expect(started.status).toBe(202);
    expect(await started.json()).toEqual({ agents: 150, expectedChanges: 300 });

    const messagesOf = (events: SseEvent[]) =>
      events
        .filter((event) => event.data !== undefined)
        .map((event) => JSON.parse(event.data as string) as Record<string, unknown>);
    const events = await readEvents(
      stream,
      (sofar) =>
        !simulator.storm.running &&
        statusesIn(messagesOf(sofar)).length >= simulator.storm.progress().changes,
      8000,
    );
    const messages = messagesOf(events);
    const changes = statusesIn(messages);
    const progress = (await (await sim(simulator.url, 'GET', '/status-storm')).json()) as {
      running: boolean;
      changes: number;
    };
    expect(progress).toMatchObject({ running: false });
    expect(changes).toHaveLength(progress.changes);
    expect(changes.length).toBeGreaterThan(200);
    // Batched: far fewer messages than changes (one per 50 ms tick at most).
    expect(statusesIn(messages).length / messages.length).toBeGreaterThan(3);
    expect(changes.every((status) => status.loggedIn)).toBe(true);
    expect(new Set(changes.map((status) => status.userId)).size).toBeLessThanOrEqual(150);

    const last = new Map(changes.map((status) => [status.userId, status]));
    const state = await lastStatuses();
    for (const [userId, status] of last) {
      expect(state.get(userId)).toMatchObject({ statusId: status.statusId, onPhone: status.onPhone });
    }
  });

  it('gives a polling session the same changes', async () => {
    await icws(session, 'PUT', '/messaging/subscriptions/status/user-statuses', { userIds });
    await poll(session);
    await sim(simulator.url, 'POST', '/status-storm', { changesPerMinute: 30, durationS: 1, seed: 3 });
    const polled: Record<string, unknown>[] = [];
    while (simulator.storm.running) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      polled.push(...(await poll(session)));
    }
    polled.push(...(await poll(session)));
    expect(statusesIn(polled)).toHaveLength(simulator.storm.progress().changes);
  });

  it('records each change with its exact time when asked, and says so when not', async () => {
    await sim(simulator.url, 'POST', '/status-storm', { changesPerMinute: 60, durationS: 1, seed: 4 });
    expect((await sim(simulator.url, 'GET', '/status-storm/changes')).status).toBe(404);
    await sim(simulator.url, 'DELETE', '/status-storm');
    const before = Date.now();
    await sim(simulator.url, 'POST', '/status-storm', {
      changesPerMinute: 60,
      durationS: 1,
      seed: 4,
      recordChanges: true,
    });
    while (simulator.storm.running) await new Promise((resolve) => setTimeout(resolve, 100));
    const { changes } = (await (await sim(simulator.url, 'GET', '/status-storm/changes')).json()) as {
      changes: [string, string, number][];
    };
    expect(changes).toHaveLength(simulator.storm.progress().changes);
    const state = await lastStatuses();
    for (const [userId, statusId, atMs] of changes) {
      expect(atMs).toBeGreaterThanOrEqual(before);
      expect(atMs).toBeLessThanOrEqual(Date.now());
      expect(state.has(userId)).toBe(true);
      expect(typeof statusId).toBe('string');
    }
    const lastOf = new Map(changes.map(([userId, statusId]) => [userId, statusId]));
    for (const [userId, statusId] of lastOf) expect(state.get(userId)?.statusId).toBe(statusId);
  });

  it('refuses a bad storm naming the field, and a second storm while one runs', async () => {
    const bad = await sim(simulator.url, 'POST', '/status-storm', { changesPerMinute: -1, durationS: 5 });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { message: string }).message).toContain('changesPerMinute');
    const unknown = await sim(simulator.url, 'POST', '/status-storm', {
      changesPerMinute: 1,
      durationS: 5,
      statusIds: ['Available', 'Napping'],
    });
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as { message: string }).message).toBe(
      'statusIds: no status message "Napping"',
    );
    expect(
      (await sim(simulator.url, 'POST', '/status-storm', { changesPerMinute: 1, durationS: 60 })).status,
    ).toBe(202);
    expect(
      (await sim(simulator.url, 'POST', '/status-storm', { changesPerMinute: 1, durationS: 60 })).status,
    ).toBe(409);
    const stopped = await sim(simulator.url, 'DELETE', '/status-storm');
    expect(await stopped.json()).toMatchObject({ running: false });
  });

  it('sets a status with notes, until and loggedIn, and shows it in /sim/state', async () => {
    const [agent] = userIds.slice(-1);
    await icws(session, 'PUT', '/messaging/subscriptions/status/user-statuses', { userIds: [agent] });
    await poll(session);
    const body = { statusId: 'on vacation', notes: 'Crete', until: '2026-12-24T00:00:00Z', loggedIn: false };
    expect(
      (await sim(simulator.url, 'PUT', `/user-statuses/${encodeURIComponent(agent ?? '')}`, body)).status,
    ).toBe(204);
    expect(statusesIn(await poll(session))).toEqual([
      expect.objectContaining({
        statusId: 'On Vacation',
        notes: 'Crete',
        loggedIn: false,
        onPhone: false,
        userStatusUntil: expect.objectContaining({
          untilDateTime: '20261224T000000Z',
          hasDate: true,
        }) as unknown,
      }),
    ]);
    expect((await lastStatuses()).get(agent ?? '')).toMatchObject({
      statusId: 'On Vacation',
      notes: 'Crete',
    });
  });

  it('tells status-message subscribers of a definition added, renamed and deleted', async () => {
    await icws(session, 'PUT', '/messaging/subscriptions/status/status-messages', {});
    await poll(session);
    await sim(simulator.url, 'PUT', '/status-messages/Coaching', { groupTag: 'Training' });
    expect(
      (await sim(simulator.url, 'PATCH', '/status-messages/coaching', { messageText: 'Coaching session' }))
        .status,
    ).toBe(204);
    expect((await sim(simulator.url, 'PATCH', '/status-messages/Napping', { messageText: 'x' })).status).toBe(
      404,
    );
    await sim(simulator.url, 'DELETE', '/status-messages/Coaching');
    const deltas = await poll(session);
    expect(
      deltas.map((m) => [m['statusMessagesAdded'], m['statusMessagesChanged'], m['statusMessagesRemoved']]),
    ).toEqual([
      [[expect.objectContaining({ statusId: 'Coaching', messageText: 'Coaching' })], [], []],
      [
        [],
        [
          expect.objectContaining({
            statusId: 'Coaching',
            messageText: 'Coaching session',
            groupTag: 'Training',
          }),
        ],
        [],
      ],
      [[], [], ['Coaching']],
    ]);
  });
});

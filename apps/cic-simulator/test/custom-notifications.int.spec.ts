import { startCicSimulator, type RunningCicSimulator } from '../src/server';
import { connect, icws, poll, sim } from './icws-test-session';

const TYPE = 'urn:inin.com:system:handlerSentNotificationsMessage';

describe('custom notifications (CIC simulator)', () => {
  let simulator: RunningCicSimulator;
  beforeAll(async () => {
    simulator = await startCicSimulator({ port: 0, logLevel: 'silent', generate: { users: 2, seed: 3 } });
  });
  afterAll(() => simulator.close());

  it('reaches the sessions subscribed to the header pair, and only those', async () => {
    const state = (await (await sim(simulator.url, 'GET', '/center')).json()) as { users: { id: string }[] };
    const [agent, other] = state.users.map((u) => u.id) as [string, string];
    const admin = await connect(simulator.url);
    const agentSession = await connect(simulator.url, agent, '1234');
    const otherSession = await connect(simulator.url, other, '1234');
    const subscribe = (session: typeof admin, objectId: string) =>
      icws(session, 'PUT', '/messaging/subscriptions/system/handler-sent-notifications', {
        headers: [{ objectId, eventId: 'GenesysCloudInbox' }],
      });
    expect((await subscribe(agentSession, agent)).status).toBe(200);
    expect((await subscribe(otherSession, other)).status).toBe(200);
    await poll(agentSession);
    await poll(otherSession);

    const sent = await icws(admin, 'POST', '/system/handler-notification', {
      objectId: agent,
      eventId: 'GenesysCloudInbox',
      data: ['n1', 'timeOffRequest'],
    });
    expect(sent.status).toBe(202);
    expect(await poll(agentSession)).toEqual([
      { __type: TYPE, objectId: agent, eventId: 'GenesysCloudInbox', data: ['n1', 'timeOffRequest'] },
    ]);
    expect(await poll(otherSession)).toEqual([]);
  });

  it('refuses a notification without its header pair', async () => {
    const admin = await connect(simulator.url);
    const sent = await icws(admin, 'POST', '/system/handler-notification', { data: [] });
    expect(sent.status).toBe(400);
  });
});

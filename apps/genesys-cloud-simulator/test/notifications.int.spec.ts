import WebSocket from 'ws';
import { type RunningGenesysCloudSimulator, startGenesysCloudSimulator } from '../src/server';
import { send, token } from './http-client';

const CHANNELS = '/api/v2/notifications/channels';
const topicOf = (userId: string) => `v2.users.${userId}.workforcemanagement.notifications`;

interface Frame {
  topicName: string;
  eventBody: Record<string, unknown>;
}

/** A channel's socket that keeps every frame, and waits for the next one that matches. */
async function open(connectUri: string): Promise<{ ws: WebSocket; next(topic: string): Promise<Frame> }> {
  const ws = new WebSocket(connectUri);
  const frames: Frame[] = [];
  const waiters: (() => void)[] = [];
  ws.on('message', (data) => {
    frames.push(JSON.parse((data as Buffer).toString('utf8')) as Frame);
    waiters.splice(0).forEach((wake) => wake());
  });
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  return {
    ws,
    next: async (topic) => {
      for (;;) {
        const at = frames.findIndex((f) => f.topicName === topic);
        if (at >= 0) return frames.splice(at, 1)[0] as Frame;
        await new Promise<void>((wake) => waiters.push(wake));
      }
    },
  };
}

describe('notification channels (Genesys Cloud simulator)', () => {
  let sim: RunningGenesysCloudSimulator;
  let bearer: string;
  let agent: string;
  let peer: string;
  beforeAll(async () => {
    sim = await startGenesysCloudSimulator({ port: 0, notificationHeartbeatMs: 100 });
    bearer = await token(sim.url);
    const seeded = await send(sim.url, undefined, 'POST', '/sim/seed', {
      users: [
        { userName: 'agent@example.com', displayName: 'Agent' },
        { userName: 'peer@example.com', displayName: 'Peer' },
      ],
    });
    [agent, peer] = (seeded.body as { users: string[] }).users as [string, string];
  });
  afterAll(async () => {
    await sim.close();
  });

  it('publishes a time-off approval and a shift trade acceptance on the users topics, with heartbeats', async () => {
    const channel = (await send(sim.url, bearer, 'POST', CHANNELS)).body as {
      id: string;
      connectUri: string;
    };
    const subscribed = await send(sim.url, bearer, 'PUT', `${CHANNELS}/${channel.id}/subscriptions`, [
      { id: topicOf(agent) },
      { id: topicOf(peer) },
      { id: 'v2.users.nobody.workforcemanagement.notifications' },
    ]);
    expect(subscribed.body).toMatchObject({
      entities: [{ state: 'Permitted' }, { state: 'Permitted' }, { state: 'Rejected' }],
    });
    const socket = await open(channel.connectUri);
    expect((await socket.next('channel.metadata')).eventBody).toEqual({ message: 'WebSocket Heartbeat' });

    const request = (await send(sim.url, undefined, 'POST', '/sim/wfm/time-off-requests', { userId: agent }))
      .body as { id: string };
    await send(sim.url, undefined, 'PUT', `/sim/wfm/time-off-requests/${request.id}/status`, {
      status: 'APPROVED',
    });
    expect((await socket.next(topicOf(agent))).eventBody).toMatchObject({
      type: 'TimeOffRequest',
      timeOffRequest: { timeOffRequestId: request.id, user: { id: agent }, status: 'APPROVED' },
    });

    const trade = (
      await send(sim.url, undefined, 'POST', '/sim/wfm/shift-trades', {
        initiatingUserId: agent,
        receivingUserId: peer,
      })
    ).body as { id: string };
    await send(sim.url, undefined, 'PUT', `/sim/wfm/shift-trades/${trade.id}/state`, { state: 'Matched' });
    const toAgent = await socket.next(topicOf(agent));
    const toPeer = await socket.next(topicOf(peer));
    expect(toAgent.eventBody).toMatchObject({
      type: 'ShiftTrade',
      shiftTrade: { tradeId: trade.id, newState: 'Matched' },
    });
    expect(toPeer.eventBody['id']).not.toEqual(toAgent.eventBody['id']);

    socket.ws.send(JSON.stringify({ message: 'ping' }));
    // Heartbeats come every 100 ms here: the pong is the first metadata frame that is not one.
    let reply = await socket.next('channel.metadata');
    while (reply.eventBody['message'] === 'WebSocket Heartbeat')
      reply = await socket.next('channel.metadata');
    expect(reply.eventBody).toEqual({ message: 'pong' });
    socket.ws.close();
  });

  it('keeps a channel within 1,000 topics and a client within 20 channels', async () => {
    const seeded = await send(sim.url, undefined, 'POST', '/sim/seed', {
      users: Array.from({ length: 1001 }, (_, i) => ({
        userName: `many${i}@example.com`,
        displayName: `M${i}`,
      })),
    });
    const topics = (seeded.body as { users: string[] }).users.map((id) => ({ id: topicOf(id) }));
    const first = (await send(sim.url, bearer, 'POST', CHANNELS)).body as { id: string };
    const path = `${CHANNELS}/${first.id}/subscriptions`;
    expect((await send(sim.url, bearer, 'PUT', path, topics)).body).toMatchObject({
      code: 'notification.too.many.topics',
    });
    expect((await send(sim.url, bearer, 'PUT', path, topics.slice(0, 1000))).status).toBe(200);
    expect((await send(sim.url, bearer, 'POST', path, topics.slice(1000))).status).toBe(400);
    for (let i = 0; i < 20; i += 1) await send(sim.url, bearer, 'POST', CHANNELS);
    const listed = (await send(sim.url, bearer, 'GET', CHANNELS)).body as { entities: { id: string }[] };
    expect(listed.entities).toHaveLength(20);
    expect(listed.entities.map((c) => c.id)).not.toContain(first.id);
    expect((await send(sim.url, bearer, 'GET', `${CHANNELS}/${first.id}/subscriptions`)).status).toBe(404);
  });

  it('drops connections on request; the channel keeps its topics and takes a new connection', async () => {
    const channel = (await send(sim.url, bearer, 'POST', CHANNELS)).body as {
      id: string;
      connectUri: string;
    };
    await send(sim.url, bearer, 'PUT', `${CHANNELS}/${channel.id}/subscriptions`, [{ id: topicOf(agent) }]);
    const first = await open(channel.connectUri);
    const closed = new Promise((resolve) => first.ws.once('close', resolve));
    expect((await send(sim.url, undefined, 'POST', '/sim/notifications/drop')).body).toEqual({ dropped: 1 });
    await closed;
    const second = await open(channel.connectUri);
    const request = (await send(sim.url, undefined, 'POST', '/sim/wfm/time-off-requests', { userId: agent }))
      .body as { id: string };
    await send(sim.url, undefined, 'PUT', `/sim/wfm/time-off-requests/${request.id}/status`, {
      status: 'DENIED',
    });
    expect((await second.next(topicOf(agent))).eventBody).toMatchObject({
      timeOffRequest: { status: 'DENIED' },
    });
    second.ws.close();
  });
});

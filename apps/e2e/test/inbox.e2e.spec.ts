import { randomUUID } from 'node:crypto';
import { DeliveryInboxNotificationReceived, type InboxNotification } from '@bridge/contracts';
import { connectNats, EventPublisher, Topology } from '@bridge/messaging';
import { ConsoleBrowser, eventually } from '@bridge/testing';
import { startAgentClient, type AgentClient } from './support/cic-agent-client';
import { startConsoleOf } from './support/console-process';
import { startSyncSystem, type SyncSystem } from './support/sync-system';

/**
 * Inbox notifications end to end (issue 19), every service and both simulators as processes: a time-off approval
 * and a shift trade acceptance in Genesys Cloud reach the agent's CIC client once each, also across a dropped
 * channel WebSocket, a restart of genesys-delivery (the service that holds the channels) and a kill -9 of it while
 * a second instance waits to take the channels over. Genesys keeps nothing for a channel without a connection, so
 * one published in a gap (a drop, before the lane has its socket again; genesys-delivery stopped) is rebuilt by the
 * catch-up from the WFM reads once the lane listens again, and reaches the agent once (ADR 0013, "Catch-up").
 */
const CENTER = { users: 6, workgroups: 1, skills: 1, wrapups: 1, seed: 19 };
const ON = { INBOX_NOTIFICATIONS: 'on' };
const EVENT_ID = 'GenesysCloudInbox';

/** The Health API's inbox lane, as far as these tests read it. */
interface InboxOnHealth {
  readonly state: string;
  readonly channels: number;
  readonly connectedChannels: number;
  readonly subscribedUsers: number;
  readonly unplacedUsers: number;
  readonly received: number;
  readonly lastNotificationAt?: string;
  readonly delivered?: number;
  readonly recorded?: number;
  readonly backlog?: number;
}

interface Notifications {
  channels: number;
  connected: number;
  topics: number;
  published: number;
}

describe('inbox notifications', () => {
  let system: SyncSystem;
  let agent: { cicId: string; genesysId: string };
  let peer: { cicId: string; genesysId: string };
  let synced = 0;
  let client: AgentClient;

  const notifications = async () => (await system.genesysCall('/sim/notifications')) as Notifications;
  /** The lane listens to every synced user's topic, each once, on connected channels. */
  const listening = (users = () => synced) =>
    eventually(async () => {
      const state = await notifications();
      return state.connected > 0 && state.topics === users() ? state : undefined;
    }, 30_000);
  const approveTimeOff = async (userId: string) => {
    const request = (await system.genesysCall('/sim/wfm/time-off-requests', 'POST', {
      userId,
      dates: ['2026-12-24'],
    })) as { id: string };
    await system.genesysCall(`/sim/wfm/time-off-requests/${request.id}/status`, 'PUT', {
      status: 'APPROVED',
    });
    return request.id;
  };
  /** Waits until the agent's client holds `count` notifications, and answers them. */
  const receivedCount = (count: number) =>
    eventually(async () => (client.received.length >= count ? client.received : undefined), 15_000);
  /** Waits for `count` notifications, then a second more: nothing arrives twice, every notification id once. */
  const receivedOnce = async (count: number) => {
    await receivedCount(count);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const ids = client.received.map((n) => n.data[0]);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(count);
  };

  beforeAll(async () => {
    system = await startSyncSystem({ label: 'inbox', center: CENTER, deliveryEnv: ON, ingestionEnv: ON });
    const { dump } = await system.converged(90_000);
    const users = Object.values(dump.users)
      .filter((u) => u.active && u.externalId !== undefined)
      .map((u) => ({ cicId: u.externalId ?? '', genesysId: u.id }));
    synced = users.length;
    [agent, peer] = users as [typeof agent, typeof peer];
    client = await startAgentClient(system.cic.baseUrl, agent.cicId, [
      { objectId: agent.cicId, eventId: EVENT_ID },
    ]);
    await listening();
  }, 150_000);

  afterAll(async () => {
    await client?.stop();
    await system?.stop();
  });

  it('brings a time-off approval and a shift trade acceptance to the agent once each', async () => {
    const requestId = await approveTimeOff(agent.genesysId);
    const trade = (await system.genesysCall('/sim/wfm/shift-trades', 'POST', {
      initiatingUserId: peer.genesysId,
      receivingUserId: agent.genesysId,
      weekDate: '2026-12-07',
    })) as { id: string };
    await system.genesysCall(`/sim/wfm/shift-trades/${trade.id}/state`, 'PUT', { state: 'Matched' });
    const [timeOff, shiftTrade] = await receivedCount(2);
    expect(timeOff).toMatchObject({ objectId: agent.cicId, eventId: EVENT_ID });
    expect(timeOff?.data.slice(1, 4)).toEqual(['timeOffRequest', requestId, 'APPROVED']);
    expect(shiftTrade?.data.slice(1, 5)).toEqual([
      'shiftTrade',
      trade.id,
      'Matched',
      'A shift trade offered to you in the week of 2026-12-07 was accepted.',
    ]);
    expect(new URL(shiftTrade?.data[5] ?? '').searchParams.get('target')).toMatch(/^https:\/\/apps\./);
  }, 30_000);

  it('sends a notification published again under another message id once: the event store has it', async () => {
    const [first] = client.received;
    const before = client.received.length;
    const nats = await connectNats(system.isolation().natsUrl, 'inbox-e2e');
    try {
      const publisher = new EventPublisher(nats, new Topology(system.isolation().namespace));
      const publish = (notificationId: string) => {
        const data: InboxNotification = {
          notificationId,
          genesysUserId: agent.genesysId,
          cicUserId: agent.cicId,
          timestamp: new Date().toISOString(),
          request: {
            kind: 'timeOffRequest',
            requestId: 'r',
            status: 'APPROVED',
            isFullDayRequest: true,
            dates: [],
          },
        };
        return publisher.publish({
          id: randomUUID(),
          type: DeliveryInboxNotificationReceived.type,
          schemaVersion: DeliveryInboxNotificationReceived.schemaVersion,
          occurredAt: data.timestamp,
          source: 'inbox-e2e',
          correlationId: notificationId,
          data,
        });
      };
      await publish(first?.data[0] ?? '');
      await publish('inbox-e2e-fresh');
      await receivedCount(before + 1);
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect(client.received.slice(before).map((n) => n.data[0])).toEqual(['inbox-e2e-fresh']);
    } finally {
      await nats.close();
    }
  }, 30_000);

  it("shows the lane on the console's Health: listening for every synced user, nothing left unrecorded", async () => {
    const consoleProcess = await startConsoleOf(system, { CONSOLE_STATUS_POLL_MS: '500' });
    try {
      const browser = new ConsoleBrowser(consoleProcess.baseUrl);
      // The CIC simulator's Master Administrator, signed in through ICWS as the console's operators are.
      expect((await browser.signIn('PureCloudAdmin', '1234')).status).toBe(303);
      // The first two tests' notifications (the peer of the trade is told too) and the one published directly.
      const lane = await eventually(async () => {
        const { inbox } = (await (await browser.request('/api/health')).json()) as { inbox: InboxOnHealth };
        // The counts come from the console's own feed; the lane's state from delivery's answer to a status poll.
        const settled = inbox.received >= 3 && inbox.recorded === inbox.received && inbox.state !== 'unknown';
        return settled ? inbox : undefined;
      }, 30_000);
      expect(lane).toMatchObject({
        state: 'listening',
        subscribedUsers: synced,
        unplacedUsers: 0,
        backlog: 0,
      });
      expect(lane.connectedChannels).toBe(lane.channels);
      expect(lane.delivered).toBeGreaterThanOrEqual(3);
      expect(lane.lastNotificationAt).toBeDefined();
      const page = await (await browser.request('/')).text();
      expect(page).toMatch(/Inbox notifications[\s\S]*listening/);
    } finally {
      await consoleProcess.stop();
    }
  }, 90_000);

  it('listens again after the channel socket drops, and after genesys-delivery restarts', async () => {
    const before = client.received.length;
    await system.genesysCall('/sim/notifications/drop', 'POST');
    await listening();
    await approveTimeOff(agent.genesysId);
    await receivedCount(before + 1);

    await system.service('genesys-delivery').stop();
    await system.start('genesys-delivery', ON);
    await listening();
    await approveTimeOff(agent.genesysId);
    await receivedOnce(before + 2);
  }, 90_000);

  it('catches up on a notification published during a drop: it reaches the agent once, after the reconnect', async () => {
    const before = client.received.length;
    // The lane's reconnect starts with a HEAD of the channel: holding that answer back keeps the gap open.
    await system.genesysCall('/sim/faults', 'POST', {
      pathPrefix: '/api/v2/notifications/channels/',
      method: 'HEAD',
      latencyMs: 5_000,
      remaining: 1,
    });
    try {
      const { published } = await notifications();
      await system.genesysCall('/sim/notifications/drop', 'POST');
      const missed = await approveTimeOff(agent.genesysId);
      // Genesys published it while no socket was connected: it sent it to nobody and keeps no copy for the channel.
      expect(await notifications()).toMatchObject({ connected: 0, published: published + 1 });
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect(client.received).toHaveLength(before);
      await listening();
      const live = await approveTimeOff(agent.genesysId);
      await receivedOnce(before + 2);
      const requests = client.received.slice(before).map((n) => n.data.slice(2, 4));
      expect(requests).toEqual(
        expect.arrayContaining([
          [missed, 'APPROVED'],
          [live, 'APPROVED'],
        ]),
      );
    } finally {
      await system.genesysCall('/sim/faults', 'DELETE');
    }
  }, 60_000);

  it('catches up on what changed while genesys-delivery was stopped, once each', async () => {
    const before = client.received.length;
    await system.service('genesys-delivery').stop();
    const missed = await approveTimeOff(agent.genesysId);
    const trade = (await system.genesysCall('/sim/wfm/shift-trades', 'POST', {
      initiatingUserId: peer.genesysId,
      receivingUserId: agent.genesysId,
      weekDate: '2026-12-14',
    })) as { id: string };
    await system.genesysCall(`/sim/wfm/shift-trades/${trade.id}/state`, 'PUT', { state: 'Matched' });
    await system.start('genesys-delivery', ON);
    await listening();
    await receivedOnce(before + 2);
    const requests = client.received.slice(before).map((n) => n.data.slice(1, 4));
    expect(requests).toEqual(
      expect.arrayContaining([
        ['timeOffRequest', missed, 'APPROVED'],
        ['shiftTrade', trade.id, 'Matched'],
      ]),
    );
  }, 90_000);

  it('listens to a user synced later, and stops listening to a user removed from CIC', async () => {
    const listened = async () =>
      ((await system.genesysCall('/sim/notifications?topics=true')) as { listened: string[] }).listened;
    const topicOf = (genesysId: string) => `v2.users.${genesysId}.workforcemanagement.notifications`;
    await system.cicCall('/sim/users', 'POST', { id: 'inbox.new', businessEmail: 'inbox.new@e2e.example' });
    const newcomer = await eventually(async () => {
      const user = Object.values((await system.dump()).users).find(
        (u) => u.externalId === 'inbox.new' && u.active,
      );
      return user && (await listened()).includes(topicOf(user.id)) ? user : undefined;
    }, 30_000);
    await system.cicCall(`/sim/users/${encodeURIComponent(peer.cicId)}`, 'DELETE');
    await eventually(
      async () => ((await listened()).includes(topicOf(peer.genesysId)) ? undefined : true),
      30_000,
    );
    const topics = await listened();
    expect(topics).toContain(topicOf(newcomer.id));
    expect(new Set(topics).size).toBe(topics.length);
    expect(topics).toHaveLength(synced);
  }, 60_000);

  // Last: the first genesys-delivery is dead afterwards, its replica holds the channels.
  it('passes the channels on at once when their holder is killed: nothing published after it is lost', async () => {
    const before = client.received.length;
    await system.startReplica('genesys-delivery');
    await system.service('genesys-delivery').kill();
    // Published after the takeover, it comes live: one in the takeover gap would come by the replica's catch-up.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    await approveTimeOff(agent.genesysId);
    await receivedOnce(before + 1);
  }, 60_000);
});

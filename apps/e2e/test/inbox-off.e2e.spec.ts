import { randomUUID } from 'node:crypto';
import {
  DeliveryInboxNotificationReceived,
  inboxNotificationStreamId,
  type InboxNotification,
} from '@bridge/contracts';
import { openEventStoreDatabase, PostgresEventStore } from '@bridge/event-store';
import { connectNats, EventPublisher, Topology } from '@bridge/messaging';
import { eventually } from '@bridge/testing';
import type { DataSource } from 'typeorm';
import { startAgentClient, type AgentClient } from './support/cic-agent-client';
import { startSyncSystem, type SyncSystem } from './support/sync-system';

/**
 * Inbox notifications switched off (issue 19, `INBOX_NOTIFICATIONS=off`), every service and both simulators as
 * processes: genesys-delivery holds no notification channel however many users are synced, and a notification that
 * reaches cic-ingestion anyway (published by an instance still switched on, or left on DELIVERY from before the
 * switch) is recorded in the event store as `featureOff` and sent to no CIC session.
 */
const CENTER = { users: 4, workgroups: 1, skills: 1, wrapups: 1, seed: 19 };
const OFF = { INBOX_NOTIFICATIONS: 'off' };
const EVENT_ID = 'GenesysCloudInbox';

describe('inbox notifications switched off', () => {
  let system: SyncSystem;
  let agent: { cicId: string; genesysId: string };
  let client: AgentClient;
  let dataSource: DataSource;

  const notifications = async () =>
    (await system.genesysCall('/sim/notifications')) as { channels: number; published: number };
  const customNotificationsSent = async () =>
    ((await system.cicCall('/sim/state')) as { counts: { customNotificationsSent: number } }).counts
      .customNotificationsSent;

  beforeAll(async () => {
    system = await startSyncSystem({
      label: 'inboxoff',
      center: CENTER,
      deliveryEnv: OFF,
      ingestionEnv: OFF,
    });
    const { dump } = await system.converged(90_000);
    const synced = Object.values(dump.users).find((u) => u.active && u.externalId !== undefined);
    if (!synced) throw new Error('no synced user');
    agent = { cicId: synced.externalId ?? '', genesysId: synced.id };
    client = await startAgentClient(system.cic.baseUrl, agent.cicId, [
      { objectId: agent.cicId, eventId: EVENT_ID },
    ]);
    const isolation = system.isolation();
    dataSource = await openEventStoreDatabase({ url: isolation.databaseUrl, schema: isolation.schema });
  }, 150_000);

  afterAll(async () => {
    await dataSource?.destroy();
    await client?.stop();
    await system?.stop();
  });

  it('holds no channel: a status change in Genesys Cloud reaches nobody', async () => {
    // The lane polls every second when on; several polls after the sync it would have made its channel.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const request = (await system.genesysCall('/sim/wfm/time-off-requests', 'POST', {
      userId: agent.genesysId,
      dates: ['2026-12-24'],
    })) as { id: string };
    await system.genesysCall(`/sim/wfm/time-off-requests/${request.id}/status`, 'PUT', {
      status: 'APPROVED',
    });
    expect(await notifications()).toMatchObject({ channels: 0, published: 1 });
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(client.received).toEqual([]);
    expect(await customNotificationsSent()).toBe(0);
  }, 30_000);

  it('records a notification that reaches cic-ingestion as featureOff, and sends nothing to CIC', async () => {
    const notificationId = `inbox-off-${randomUUID()}`;
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
    const nats = await connectNats(system.isolation().natsUrl, 'inbox-off-e2e');
    try {
      await new EventPublisher(nats, new Topology(system.isolation().namespace)).publish({
        id: randomUUID(),
        type: DeliveryInboxNotificationReceived.type,
        schemaVersion: DeliveryInboxNotificationReceived.schemaVersion,
        occurredAt: data.timestamp,
        source: 'inbox-off-e2e',
        correlationId: notificationId,
        data,
      });
    } finally {
      await nats.close();
    }
    const store = new PostgresEventStore(dataSource, system.isolation().schema);
    const recorded = await eventually(async () => {
      const events = await store.readStream(inboxNotificationStreamId(notificationId));
      return events.length > 0 ? events : undefined;
    }, 15_000);
    expect(recorded).toHaveLength(1);
    expect(recorded[0]?.type).toBe('CicInboxNotificationDelivered');
    expect(recorded[0]?.data).toMatchObject({
      notificationId,
      cicUserId: agent.cicId,
      outcome: 'featureOff',
    });
    expect(client.received).toEqual([]);
    expect(await customNotificationsSent()).toBe(0);
  }, 30_000);
});

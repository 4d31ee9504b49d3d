import { inboxLaunchUrlOf, inboxMessageOf } from '@bridge/cic-sync';
import {
  CicInboxNotificationDelivered,
  DeliveryInboxNotificationReceived,
  genesysMyPerformanceUrl,
  inboxNotificationStreamId,
  type BridgeEvent,
  type Envelope,
  type EventData,
} from '@bridge/contracts';
import { envelopeToNewEvent, EVENT_STORE, type EventStore } from '@bridge/event-store';
import { IcwsClient, sendCustomNotification } from '@bridge/icws-client';
import { JetStreamConsumer, stableUuid } from '@bridge/messaging';
import { Controller, Inject } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { CIC_INGESTION_CONFIG, type CicIngestionConfig } from '../config';

/** Thrown while there is no CIC session to send through: the message is delivered again after a back-off. */
class NoCicSession extends Error {
  override readonly name = 'NoCicSession';
}

/**
 * Passes each WFM notification genesys-delivery read to the agent's CIC session (a custom notification), then
 * records it in the event store (`inbox-notification-<id>`). A notification the store already has was sent
 * before, so a redelivery or a second read by genesys-delivery sends nothing. With the feature off it is recorded
 * as not sent. A crash between the send and the record would send it again (at least once, ADR 0013); the
 * notification id in the message's data lets a client drop the repeat.
 */
@Controller()
export class InboxNotificationConsumer {
  private readonly launchUrl: string;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(IcwsClient) private readonly icws: IcwsClient,
    @Inject(CIC_INGESTION_CONFIG) private readonly config: CicIngestionConfig,
  ) {
    this.launchUrl = inboxLaunchUrlOf(config.INBOX_IDP_URL, genesysMyPerformanceUrl(config.GC_REGION));
  }

  @JetStreamConsumer({
    durable: 'cic-ingestion--inbox-notification',
    stream: 'DELIVERY',
    filterSubject: `${DeliveryInboxNotificationReceived.subject}.>`,
    // Redelivered with a back-off capped at 30 s: a CIC switchover or restart of a few minutes loses nothing.
    maxDeliveries: 20,
    ackWaitMs: 10_000,
  })
  async received(@Payload() event: BridgeEvent): Promise<void> {
    if (event.type !== 'DeliveryInboxNotificationReceived') return;
    const notification = event.data;
    const streamId = inboxNotificationStreamId(notification.notificationId);
    if ((await this.store.readStream(streamId)).length > 0) return;
    const on = this.config.INBOX_NOTIFICATIONS === 'on';
    if (on) {
      const session = this.icws.currentSession();
      if (!session) throw new NoCicSession('no CIC session to send the inbox notification through');
      await sendCustomNotification(session, inboxMessageOf(notification, this.launchUrl));
    }
    const record: Envelope<EventData<typeof CicInboxNotificationDelivered>> = {
      id: stableUuid(`inbox-notification-delivered:${notification.notificationId}`),
      type: CicInboxNotificationDelivered.type,
      schemaVersion: CicInboxNotificationDelivered.schemaVersion,
      occurredAt: new Date().toISOString(),
      source: 'cic-ingestion',
      correlationId: event.correlationId,
      causationId: event.id,
      data: { ...notification, outcome: on ? 'sent' : 'featureOff' },
    };
    await this.store.append(streamId, 'any', [envelopeToNewEvent(record)]);
  }
}

import { DeliveryInboxNotificationReceived, type Envelope, type InboxNotification } from '@bridge/contracts';
import { type EventPublisher, stableUuid } from '@bridge/messaging';
import type { InboxRequests } from '../persistence/inbox-requests';

const ATTEMPTS = 5;
const FIRST_BACKOFF_MS = 200;

/**
 * Publishes one notification to DELIVERY, its envelope id (and so its message id) derived from the notification's
 * id: the same notification read twice, by one holder or by two, live and rebuilt by a catch-up, is stored once.
 * Then records its status, which a later catch-up compares with; a crash in between only passes it on again. A
 * socket's notification is not read again, so a failed publish is retried here a few times before the lane gives
 * up on it.
 */
export function inboxNotificationPublisher(
  publisher: Pick<EventPublisher, 'publish'>,
  requests: Pick<InboxRequests, 'passedOn'>,
) {
  return async (notification: InboxNotification): Promise<void> => {
    const envelope: Envelope<InboxNotification> = {
      id: stableUuid(`inbox-notification:${notification.notificationId}`),
      type: DeliveryInboxNotificationReceived.type,
      schemaVersion: DeliveryInboxNotificationReceived.schemaVersion,
      occurredAt: notification.timestamp,
      source: 'genesys-delivery',
      correlationId: notification.notificationId,
      data: notification,
    };
    for (let attempt = 1; ; attempt += 1) {
      try {
        await publisher.publish(envelope);
        break;
      } catch (error) {
        if (attempt >= ATTEMPTS) throw error;
        await new Promise((resolve) => setTimeout(resolve, FIRST_BACKOFF_MS * 2 ** attempt));
      }
    }
    await requests.passedOn([notification]);
  };
}

import { z } from 'zod';
import { defineEvent } from '../envelope';

/**
 * One Genesys Cloud WFM notification for one agent (issue 19): a time-off request's new status or a shift trade's
 * new state, as the user's `v2.users.{id}.workforcemanagement.notifications` topic told it, with the CIC user it
 * is for (from genesys-delivery's id map). `notificationId` is Genesys's id of the notification: the key that
 * makes recording and delivery idempotent.
 */
export const inboxNotificationSchema = z.object({
  notificationId: z.string().min(1).max(128),
  genesysUserId: z.string().min(1).max(128),
  cicUserId: z.string().min(1).max(256),
  /** When Genesys says the change happened. */
  timestamp: z.iso.datetime({ offset: true }),
  request: z.discriminatedUnion('kind', [
    z.object({
      kind: z.literal('timeOffRequest'),
      requestId: z.string().min(1).max(128),
      status: z.string().min(1).max(64),
      isFullDayRequest: z.boolean(),
      /** Full days (management unit dates) or the start times of partial days. */
      dates: z.array(z.string().max(64)).max(366),
    }),
    z.object({
      kind: z.literal('shiftTrade'),
      requestId: z.string().min(1).max(128),
      status: z.string().min(1).max(64),
      weekDate: z.string().max(64).optional(),
      /** Whether this agent started the trade or was asked to take it. */
      role: z.enum(['initiating', 'receiving']),
    }),
  ]),
});
export type InboxNotification = z.infer<typeof inboxNotificationSchema>;
export type InboxRequestKind = InboxNotification['request']['kind'];

/**
 * A WFM notification genesys-delivery's inbox lane read from a notification channel, for cic-ingestion to record
 * and deliver. DELIVERY keeps one message per notification (`delivery.inbox-notification.received.<id>`), and the
 * message id is the notification id, so a notification read twice (after a reconnect, by a second holder) is one
 * message. Consumers may see a notification again after a redelivery: they check the event store first.
 */
export const DeliveryInboxNotificationReceived = defineEvent({
  type: 'DeliveryInboxNotificationReceived',
  schemaVersion: 1,
  subject: 'delivery.inbox-notification.received',
  stream: 'DELIVERY',
  schema: inboxNotificationSchema,
  key: (data: { notificationId: string }) => data.notificationId,
});

/**
 * The record of a WFM notification in the event store (stream `inbox-notification-<id>`), appended by
 * cic-ingestion once it sent the notification to the agent's CIC session. `outcome` says whether it reached a CIC
 * user or was dropped for a reason an operator can act on. The store's copy is the source of truth for "was this
 * notification delivered"; the relay publishes it on `cic.inbox-notification.delivered` in log order.
 */
export const CicInboxNotificationDelivered = defineEvent({
  type: 'CicInboxNotificationDelivered',
  schemaVersion: 1,
  subject: 'cic.inbox-notification.delivered',
  stream: 'CIC',
  schema: inboxNotificationSchema.extend({
    outcome: z.enum(['sent', 'featureOff']),
  }),
});

/** The event store stream that records one notification. */
export function inboxNotificationStreamId(notificationId: string): string {
  return `inbox-notification-${notificationId}`;
}

export const inboxNotificationEvents = [
  DeliveryInboxNotificationReceived,
  CicInboxNotificationDelivered,
] as const;

import { z } from 'zod';
import { defineEvent } from '../envelope';

/**
 * One Genesys Cloud WFM notification for one agent (issue 19): a time-off request's new status or a shift trade's
 * new state, as the user's `v2.users.{id}.workforcemanagement.notifications` topic told it, or as genesys-delivery
 * rebuilt it after a gap from the management unit reads (ADR 0013, "Catch-up"), with the CIC user it is for (from
 * genesys-delivery's id map). `notificationId` is the bridge's key of the news, the same whichever way it came:
 * the Genesys user, the request's kind and id, and its status (`inboxNotificationIdOf`, libs/delivery-planning). It
 * makes recording and delivery idempotent, so news read live and rebuilt reaches the agent once.
 */
export const inboxNotificationSchema = z.object({
  notificationId: z.string().min(1).max(400),
  /** Genesys's id of the notification, when it was read from the topic; a rebuilt one has none. */
  genesysNotificationId: z.string().min(1).max(128).optional(),
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
 * message id is derived from the notification id, so a notification read twice (after a reconnect, by a second
 * holder, live and rebuilt by a catch-up) is one message. Consumers may see a notification again after a
 * redelivery: they check the event store first.
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

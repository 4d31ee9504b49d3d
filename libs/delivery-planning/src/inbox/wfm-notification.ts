import type { InboxNotification } from '@bridge/contracts';
import { z } from 'zod';

/**
 * The Genesys side of an inbox notification: the per-user WFM topic and its event body, named as the SDK's
 * WfmUserNotificationTopicWfmUserNotification names them (ADR 0013 keeps the [INF] topic spelling). Fields the
 * bridge does not pass on are not read.
 */
const TOPIC = /^v2\.users\.([^.]+)\.workforcemanagement\.notifications$/;

export function wfmTopicOf(genesysUserId: string): string {
  return `v2.users.${genesysUserId}.workforcemanagement.notifications`;
}

export function userIdOfWfmTopic(topic: string): string | undefined {
  return TOPIC.exec(topic)?.[1];
}

const userRef = z.object({ id: z.string() }).partial();
const bodySchema = z.object({
  id: z.string().min(1).max(128),
  timestamp: z.iso.datetime({ offset: true }),
  type: z.string().optional(),
  timeOffRequest: z
    .object({
      timeOffRequestId: z.string().min(1).max(128),
      isFullDayRequest: z.boolean().optional(),
      status: z.string().min(1).max(64),
      partialDayStartDateTimes: z.array(z.string().max(64)).max(366).optional(),
      fullDayManagementUnitDates: z.array(z.string().max(64)).max(366).optional(),
    })
    .optional(),
  shiftTrade: z
    .object({
      tradeId: z.string().min(1).max(128),
      newState: z.string().min(1).max(64),
      weekDate: z.string().max(64).optional(),
      initiatingUser: userRef.optional(),
    })
    .optional(),
});

/**
 * The bridge's id of one piece of news for one agent: the Genesys user, the request's kind and id, and its status.
 * A notification read from the topic and one the catch-up rebuilt for the same change share it, so the message id
 * and the event store's record make the agent get it once. The user is part of it because a shift trade's new state
 * is news for both agents of the trade.
 */
export function inboxNotificationIdOf(
  genesysUserId: string,
  request: Pick<InboxNotification['request'], 'kind' | 'requestId' | 'status'>,
): string {
  return `${genesysUserId}:${request.kind}:${request.requestId}:${request.status}`;
}

export type WfmNotificationReading =
  | { readonly kind: 'notification'; readonly notification: InboxNotification }
  | { readonly kind: 'ignored'; readonly reason: 'otherType' | 'malformed' };

/**
 * Reads one event body of a user's WFM topic into the contract's notification for the CIC user. Time-off and
 * shift-trade notifications are the inbox's; other WFM notifications (adherence explanations, alternative shifts)
 * are ignored, and so is a body that does not have the fields the inbox needs.
 */
export function readWfmNotification(
  genesysUserId: string,
  cicUserId: string,
  eventBody: unknown,
): WfmNotificationReading {
  const parsed = bodySchema.safeParse(eventBody);
  if (!parsed.success) return { kind: 'ignored', reason: 'malformed' };
  const { id, timestamp, timeOffRequest, shiftTrade } = parsed.data;
  const notification = (request: InboxNotification['request']): WfmNotificationReading => ({
    kind: 'notification',
    notification: {
      notificationId: inboxNotificationIdOf(genesysUserId, request),
      genesysNotificationId: id,
      genesysUserId,
      cicUserId,
      timestamp,
      request,
    },
  });
  if (timeOffRequest) {
    const isFullDayRequest = timeOffRequest.isFullDayRequest ?? true;
    return notification({
      kind: 'timeOffRequest',
      requestId: timeOffRequest.timeOffRequestId,
      status: timeOffRequest.status,
      isFullDayRequest,
      dates:
        (isFullDayRequest
          ? timeOffRequest.fullDayManagementUnitDates
          : timeOffRequest.partialDayStartDateTimes) ?? [],
    });
  }
  if (shiftTrade) {
    return notification({
      kind: 'shiftTrade',
      requestId: shiftTrade.tradeId,
      status: shiftTrade.newState,
      ...(shiftTrade.weekDate === undefined ? {} : { weekDate: shiftTrade.weekDate }),
      role: shiftTrade.initiatingUser?.id === genesysUserId ? 'initiating' : 'receiving',
    });
  }
  return { kind: 'ignored', reason: 'otherType' };
}

import type { InboxNotification } from '@bridge/contracts';

/**
 * [INF] The event id of every inbox notification, beside the agent's CIC user id as the object id: the header pair
 * the agent's client subscribes to (ADR 0013).
 */
export const INBOX_EVENT_ID = 'GenesysCloudInbox';

/** What the agent's CIC client receives: the header pair and the strings of one custom notification. */
export interface InboxMessage {
  readonly objectId: string;
  readonly eventId: string;
  /**
   * [INF] In order: the notification id (the client's key for "seen"), the request kind, its id, its status, a line
   * for the agent, and the address the Inbox icon opens (the IdP's launch, with My Performance as its target).
   */
  readonly data: readonly string[];
}

const TIME_OFF_STATUS: Readonly<Record<string, string>> = {
  APPROVED: 'was approved',
  DENIED: 'was denied',
  CANCELED: 'was canceled',
  PENDING: 'is pending',
};
const SHIFT_TRADE_STATE: Readonly<Record<string, string>> = {
  Unmatched: 'is waiting for a taker',
  Matched: 'was accepted',
  Approved: 'was approved',
  Denied: 'was denied',
  Canceled: 'was canceled',
};

/** The line the agent reads; a status the bridge does not know is shown as Genesys spells it. */
export function inboxLineOf(notification: InboxNotification): string {
  const { request } = notification;
  switch (request.kind) {
    case 'timeOffRequest': {
      const when = request.dates.length > 0 ? ` for ${request.dates.join(', ')}` : '';
      return `Your time-off request${when} ${TIME_OFF_STATUS[request.status] ?? `is ${request.status}`}.`;
    }
    case 'shiftTrade': {
      const week = request.weekDate === undefined ? '' : ` in the week of ${request.weekDate}`;
      const whose = request.role === 'initiating' ? 'Your shift trade' : 'A shift trade offered to you';
      return `${whose}${week} ${SHIFT_TRADE_STATE[request.status] ?? `is ${request.status}`}.`;
    }
  }
}

/** The custom notification that tells the agent of one WFM notification, with the Inbox icon's address. */
export function inboxMessageOf(notification: InboxNotification, inboxLaunchUrl: string): InboxMessage {
  const { request } = notification;
  return {
    objectId: notification.cicUserId,
    eventId: INBOX_EVENT_ID,
    data: [
      notification.notificationId,
      request.kind,
      request.requestId,
      request.status,
      inboxLineOf(notification),
      inboxLaunchUrl,
    ],
  };
}

/** The IdP's launch address whose target is My Performance; the client adds its one-time CIC token. */
export function inboxLaunchUrlOf(idpBaseUrl: string, myPerformanceUrl: string): string {
  const url = new URL('saml/launch', idpBaseUrl.endsWith('/') ? idpBaseUrl : `${idpBaseUrl}/`);
  url.searchParams.set('target', myPerformanceUrl);
  return url.toString();
}

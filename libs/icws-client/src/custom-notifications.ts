import { ICWS } from '@bridge/cic-sync';
import { sessionSend, type Fetch, type IcwsSession } from './icws-session';

/** One custom notification: the header pair a client subscribes to, and its strings. */
export interface CustomNotification {
  readonly objectId: string;
  readonly eventId: string;
  readonly data: readonly string[];
}

const N = ICWS.customNotification;

/** Sends a custom notification ([INF] names in ICWS.customNotification); an error answer throws IcwsHttpError. */
export function sendCustomNotification(
  session: IcwsSession,
  notification: CustomNotification,
  fetchFn: Fetch = fetch,
): Promise<void> {
  const body = {
    [N.objectId]: notification.objectId,
    [N.eventId]: notification.eventId,
    [N.data]: notification.data,
  };
  return sessionSend(session, 'POST', N.sendPath, body, fetchFn);
}

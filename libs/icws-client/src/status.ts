import { ICWS } from '@bridge/cic-sync';
import { sessionPut, type Fetch, type IcwsSession } from './icws-session';

/**
 * Sets the user-statuses subscription's user list (§3.6): a PUT replaces the whole list, and its first message
 * is a snapshot of the listed users' statuses (`isDelta: false`).
 */
export function subscribeUserStatuses(
  session: IcwsSession,
  userIds: readonly string[],
  fetchFn: Fetch = fetch,
): Promise<void> {
  return sessionPut(session, ICWS.status.userStatusesPath, { [ICWS.status.userIds]: userIds }, fetchFn);
}

/** Subscribes to the status message definitions (§3.6); the first message lists them all. */
export function subscribeStatusMessages(session: IcwsSession, fetchFn: Fetch = fetch): Promise<void> {
  return sessionPut(session, ICWS.status.statusMessagesPath, {}, fetchFn);
}

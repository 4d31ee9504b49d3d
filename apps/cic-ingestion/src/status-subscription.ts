import { subscribeStatusMessages, subscribeUserStatuses, type IcwsSession } from '@bridge/icws-client';
import { ListSubscription } from './list-subscription';

export interface StatusSubscriptionOptions {
  readonly coalesceMs?: number;
  readonly retryMs?: number;
  readonly putUserIds?: (session: IcwsSession, userIds: readonly string[]) => Promise<void>;
  readonly putStatusMessages?: (session: IcwsSession) => Promise<void>;
}

/**
 * The session's status subscriptions: the status message definitions, and the user statuses of every CIC user
 * ingestion knows (object-mapping decides who is synced).
 */
export class StatusSubscription extends ListSubscription {
  constructor(options: StatusSubscriptionOptions = {}) {
    super({
      name: 'user-statuses',
      putIds: options.putUserIds ?? ((session, userIds) => subscribeUserStatuses(session, userIds)),
      beforeList: options.putStatusMessages ?? ((session) => subscribeStatusMessages(session)),
      ...(options.coalesceMs !== undefined ? { coalesceMs: options.coalesceMs } : {}),
      ...(options.retryMs !== undefined ? { retryMs: options.retryMs } : {}),
    });
  }
}

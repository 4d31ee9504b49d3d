import { subscribeWorkgroupQueues, type IcwsSession } from '@bridge/icws-client';
import { ListSubscription } from './list-subscription';

/** The one queue watch of a session: its subscription id, so a new PUT replaces it. */
const SUBSCRIPTION_ID = 'cic-ingestion-queues';

/**
 * The session's watch of every workgroup queue ingestion knows, following workgroups as they are added and
 * removed. Each PUT replaces the watched list, and its first message is a snapshot of those queues: what a
 * reconnect missed comes back that way.
 */
export class QueueWatch extends ListSubscription {
  constructor(
    options: {
      readonly coalesceMs?: number;
      readonly putWorkgroupIds?: (session: IcwsSession, workgroupIds: readonly string[]) => Promise<void>;
    } = {},
  ) {
    super({
      name: 'queue watch',
      putIds:
        options.putWorkgroupIds ??
        ((session, workgroupIds) => subscribeWorkgroupQueues(session, SUBSCRIPTION_ID, workgroupIds)),
      ...(options.coalesceMs !== undefined ? { coalesceMs: options.coalesceMs } : {}),
    });
  }
}

import { ICWS, INTERACTION_ATTRIBUTES } from '@bridge/cic-sync';
import { sessionPut, type Fetch, type IcwsSession } from './icws-session';

const Q = ICWS.queues;

/**
 * Watches these workgroups' queues (§3.8) under one subscription id: a PUT replaces the watched list, and its
 * first message is a snapshot of the queues (`isDelta: false`) with every attribute the bridge reads.
 */
export function subscribeWorkgroupQueues(
  session: IcwsSession,
  subscriptionId: string,
  workgroupIds: readonly string[],
  fetchFn: Fetch = fetch,
): Promise<void> {
  return sessionPut(
    session,
    Q.subscriptionPath(subscriptionId),
    {
      [Q.queueIds]: workgroupIds.map((id) => ({ [Q.queueType]: Q.workgroupQueueType, [Q.queueName]: id })),
      [Q.attributeNames]: INTERACTION_ATTRIBUTES,
    },
    fetchFn,
  );
}

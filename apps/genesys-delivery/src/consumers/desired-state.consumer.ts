import {
  MappingConversationDesired,
  MappingPresenceDesired,
  subjectFilterOf,
  type BridgeEvent,
  type NotSyncedReason,
} from '@bridge/contracts';
import type { DesiredObject, DesiredState } from '@bridge/delivery-planning';
import { JetStreamBatchConsumer, type ReceivedEvent } from '@bridge/messaging';
import { Controller, Inject } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { DELIVERY_CONFIG, type DeliveryConfig } from '../config';
import { DesiredObjects } from '../persistence/desired-objects';
import { DeliveryWorkers } from '../reconciler/delivery-workers';

/**
 * Stores the latest desired document per Genesys object and marks it dirty, with the trace context of the change
 * it came from, which the worker's reconcile continues; the workers do the rest. A burst of
 * changes to one object leaves one dirty row, so it becomes one reconcile. Documents come in batches (whatever
 * has arrived, up to 256), stored in one statement: a large initial sync brings tens of thousands.
 */
@Controller()
export class DesiredStateConsumer {
  private readonly settleMs: number;

  constructor(
    @Inject(DesiredObjects) private readonly objects: DesiredObjects,
    @Inject(DeliveryWorkers) private readonly workers: DeliveryWorkers,
    @Inject(DELIVERY_CONFIG) config: DeliveryConfig,
  ) {
    this.settleMs = config.DELIVERY_DELETION_SETTLE_MS;
  }

  @JetStreamBatchConsumer({
    durable: 'genesys-delivery--desired-state',
    stream: 'MAPPING',
    filterSubject: subjectFilterOf('MAPPING'),
    // Each has a consumer of its own; a status storm's presences would otherwise be decoded here for nothing.
    ignores: [MappingPresenceDesired.subject, MappingConversationDesired.subject],
    maxBatch: 256,
    // One statement a batch, well within this. Short, because the documents a killed instance had received wait
    // this long before a restarted one gets them again.
    ackWaitMs: 5_000,
  })
  async received(@Payload() received: readonly ReceivedEvent[]): Promise<void> {
    const stored = await this.objects.store(
      received.flatMap(({ event, trace, storedAtNanos }) => {
        const desired = desiredObjectOf(event);
        return desired ? [{ ...desired, trace, mappedAtNanos: storedAtNanos }] : [];
      }),
      this.settleMs,
    );
    // A batch that marked nothing (redeliveries, documents equal to the stored ones) would wake every worker to
    // claim nothing, queueing a change's claim behind theirs.
    if (stored > 0) this.workers.wake();
  }
}

/**
 * The desired object a mapping event carries, typed by its kind; none for any other event. A switch on the type
 * rather than the kind registry's `targetKindOf`: only the type narrows the document to its kind's schema.
 */
function desiredObjectOf(event: BridgeEvent): DesiredObject | undefined {
  const { type, data } = event;
  if (type === 'MappingUserDesired') return { kind: 'user', key: data.key, desired: stateOf(data) };
  if (type === 'MappingQueueDesired') return { kind: 'queue', key: data.key, desired: stateOf(data) };
  if (type === 'MappingSkillDesired') return { kind: 'skill', key: data.key, desired: stateOf(data) };
  if (type === 'MappingLanguageDesired') return { kind: 'language', key: data.key, desired: stateOf(data) };
  if (type === 'MappingWrapUpCodeDesired')
    return { kind: 'wrapUpCode', key: data.key, desired: stateOf(data) };
  if (type === 'MappingSecondaryStatusDesired')
    return { kind: 'secondaryStatus', key: data.key, desired: stateOf(data) };
  return undefined;
}

function stateOf<D>(
  data: { state: 'present'; document: D } | { state: 'absent'; reason: NotSyncedReason },
): DesiredState<D> {
  return data.state === 'present'
    ? { present: true, document: data.document }
    : { present: false, reason: data.reason };
}

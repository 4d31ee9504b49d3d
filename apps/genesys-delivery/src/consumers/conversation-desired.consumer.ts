import { MappingConversationDesired, type BridgeEvent, type EventData } from '@bridge/contracts';
import { JetStreamBatchConsumer, type ReceivedEvent } from '@bridge/messaging';
import { Controller, Inject } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { DELIVERY_CONFIG, type DeliveryConfig } from '../config';
import { Conversations } from '../persistence/conversations';
import { ReplicationLane } from '../replication/replication-lane';

/**
 * Stores the latest desired conversation per interaction and wakes the replication lane. With
 * DELIVERY_REPLICATION off the documents are kept, not due. A backfill's document makes its interaction due
 * again from its first event, on or off.
 */
@Controller()
export class ConversationDesiredConsumer {
  constructor(
    @Inject(Conversations) private readonly conversations: Conversations,
    @Inject(ReplicationLane) private readonly lane: ReplicationLane,
    @Inject(DELIVERY_CONFIG) private readonly config: DeliveryConfig,
  ) {}

  @JetStreamBatchConsumer({
    durable: 'genesys-delivery--conversation-desired',
    stream: 'MAPPING',
    filterSubject: `${MappingConversationDesired.subject}.>`,
    maxBatch: 500,
    ackWaitMs: 5_000,
  })
  async received(@Payload() received: readonly ReceivedEvent[]): Promise<void> {
    const replicate = this.config.DELIVERY_REPLICATION === 'on';
    const desired = received.flatMap(({ event, trace }) => {
      const data = desiredOf(event);
      return data ? [{ ...data, trace }] : [];
    });
    await this.conversations.store(
      desired.map(({ document, trace }) => ({ document, trace })),
      replicate,
    );
    const backfilled = desired.filter(({ backfill }) => backfill).map(({ key }) => key);
    await this.conversations.resend(backfilled);
    if (replicate || backfilled.length > 0) this.lane.wake();
  }
}

function desiredOf(event: BridgeEvent): EventData<typeof MappingConversationDesired> | undefined {
  return event.type === 'MappingConversationDesired' ? event.data : undefined;
}

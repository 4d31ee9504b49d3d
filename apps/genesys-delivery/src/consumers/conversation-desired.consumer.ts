import { MappingConversationDesired, type BridgeEvent, type DesiredConversation } from '@bridge/contracts';
import { JetStreamBatchConsumer, type ReceivedEvent } from '@bridge/messaging';
import { Controller, Inject } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { DELIVERY_CONFIG, type DeliveryConfig } from '../config';
import { Conversations } from '../persistence/conversations';
import { ReplicationLane } from '../replication/replication-lane';

/**
 * Stores the latest desired conversation per interaction and wakes the replication lane. With
 * DELIVERY_REPLICATION off the documents are kept, not due, so a backfill can send them later.
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
    await this.conversations.store(
      received.flatMap(({ event, trace }) => {
        const document = conversationOf(event);
        return document ? [{ document, trace }] : [];
      }),
      replicate,
    );
    if (replicate) this.lane.wake();
  }
}

function conversationOf(event: BridgeEvent): DesiredConversation | undefined {
  return event.type === 'MappingConversationDesired' ? event.data.document : undefined;
}

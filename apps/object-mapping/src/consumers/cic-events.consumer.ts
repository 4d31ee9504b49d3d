import { subjectFilterOf } from '@bridge/contracts';
import { JetStreamBatchConsumer, JetStreamBatchContext, type ReceivedEvent } from '@bridge/messaging';
import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { MappingProjection } from '../projection/mapping-projection';

/** The durable consumer of the CIC stream; the operator's status read asks for its backlog. */
export const CIC_EVENTS_DURABLE = 'object-mapping--cic-events';

/**
 * Follows the CIC event log in order (one durable consumer) and hands the projection every event that has
 * arrived, up to 2,000 at once, and whether more are already waiting; it publishes the desired documents they
 * change. A throw naks the batch; the redelivery retries the publishes that did not go out.
 */
@Controller()
export class CicEventsConsumer {
  constructor(private readonly projection: MappingProjection) {}

  @JetStreamBatchConsumer({
    durable: CIC_EVENTS_DURABLE,
    stream: 'CIC',
    filterSubject: subjectFilterOf('CIC'),
    maxBatch: 2_000,
  })
  async received(
    @Payload() received: readonly ReceivedEvent[],
    @Ctx() context: JetStreamBatchContext,
  ): Promise<void> {
    await this.projection.apply(
      received.map(({ event, streamSequence, trace }) => ({ event, sequence: streamSequence, trace })),
      context.waiting > 0,
    );
  }
}

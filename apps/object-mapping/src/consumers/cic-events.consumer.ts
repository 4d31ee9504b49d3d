import type { BridgeEvent } from '@bridge/contracts';
import { JetStreamConsumer, JetStreamContext } from '@bridge/messaging';
import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { MappingProjection } from '../projection/mapping-projection';

/**
 * Follows the CIC event log in order (one durable consumer, one message at a time) and hands each event to the
 * projection, which publishes the desired documents it changes. A throw naks the message; the redelivery
 * retries the publishes that did not go out.
 */
@Controller()
export class CicEventsConsumer {
  constructor(private readonly projection: MappingProjection) {}

  @JetStreamConsumer({ durable: 'object-mapping--cic-events', stream: 'CIC', filterSubject: 'cic.>' })
  async received(@Payload() event: BridgeEvent, @Ctx() context: JetStreamContext): Promise<void> {
    await this.projection.apply(event, context.streamSequence);
  }
}

import type { BridgeEvent } from '@bridge/contracts';
import { JetStreamConsumer, JetStreamContext } from '@bridge/messaging';
import { Controller, Logger } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';

/**
 * Follows the CIC event log in order. For now it only records what it receives; the projection of CIC state and
 * the desired Genesys Cloud documents come next (issue 5).
 */
@Controller()
export class CicEventsConsumer {
  private readonly logger = new Logger('CicEventsConsumer');

  @JetStreamConsumer({ durable: 'object-mapping--cic-events', stream: 'CIC', filterSubject: 'cic.>' })
  received(@Payload() event: BridgeEvent, @Ctx() context: JetStreamContext): void {
    this.logger.debug(`${event.type} ${event.id} (stream sequence ${context.streamSequence})`);
  }
}

import type { BridgeEvent, TargetKind } from '@bridge/contracts';
import { JetStreamConsumer } from '@bridge/messaging';
import { Controller, Inject } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { config } from '../config';
import { DeliveryStore } from '../persistence/delivery-store';

const kindOf: Partial<Record<BridgeEvent['type'], TargetKind>> = {
  DesiredUserChanged: 'user',
  DesiredQueueChanged: 'queue',
  DesiredSkillChanged: 'skill',
  DesiredLanguageChanged: 'language',
  DesiredWrapUpCodeChanged: 'wrapUpCode',
};

/**
 * Stores the latest desired document per Genesys object and marks it dirty; the workers do the rest. A burst of
 * changes to one object leaves one dirty row, so it becomes one reconcile.
 */
@Controller()
export class DesiredStateConsumer {
  constructor(@Inject(DeliveryStore) private readonly store: DeliveryStore) {}

  @JetStreamConsumer({
    durable: 'genesys-delivery--desired-state',
    stream: 'MAPPING',
    filterSubject: 'mapping.>',
    // One INSERT a message, so even a full buffer of 256 is handled well within this. Short, because the
    // documents a killed instance had received wait this long before a restarted one gets them again.
    ackWaitMs: 5_000,
  })
  async received(@Payload() event: BridgeEvent): Promise<void> {
    const kind = kindOf[event.type];
    if (!kind || !('state' in event.data)) return;
    const data = event.data;
    await this.store.storeDesired(
      kind,
      data.key,
      data.state === 'present'
        ? { present: true, document: data.document }
        : { present: false, reason: data.reason },
      config.DELIVERY_DELETION_SETTLE_MS,
    );
  }
}

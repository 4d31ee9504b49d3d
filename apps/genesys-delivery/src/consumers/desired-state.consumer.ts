import { subjectFilterOf, targetKindOf } from '@bridge/contracts';
import { JetStreamBatchConsumer, type ReceivedEvent } from '@bridge/messaging';
import { Controller, Inject } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { config } from '../config';
import { DeliveryStore, type DesiredDocument } from '../persistence/delivery-store';
import { DeliveryWorkers } from '../reconciler/delivery-workers';

/**
 * Stores the latest desired document per Genesys object and marks it dirty; the workers do the rest. A burst of
 * changes to one object leaves one dirty row, so it becomes one reconcile. Documents come in batches (whatever
 * has arrived, up to 256), stored in one statement: a large initial sync brings tens of thousands.
 */
@Controller()
export class DesiredStateConsumer {
  constructor(
    @Inject(DeliveryStore) private readonly store: DeliveryStore,
    @Inject(DeliveryWorkers) private readonly workers: DeliveryWorkers,
  ) {}

  @JetStreamBatchConsumer({
    durable: 'genesys-delivery--desired-state',
    stream: 'MAPPING',
    filterSubject: subjectFilterOf('MAPPING'),
    maxBatch: 256,
    // One statement a batch, well within this. Short, because the documents a killed instance had received wait
    // this long before a restarted one gets them again.
    ackWaitMs: 5_000,
  })
  async received(@Payload() received: readonly ReceivedEvent[]): Promise<void> {
    const documents = received.flatMap(({ event }): DesiredDocument[] => {
      const kind = targetKindOf(event.type);
      if (!kind || !('state' in event.data)) return [];
      const data = event.data;
      return [
        {
          kind,
          key: data.key,
          desired:
            data.state === 'present'
              ? { present: true, document: data.document }
              : { present: false, reason: data.reason },
        },
      ];
    });
    await this.store.storeDesired(documents, config.DELIVERY_DELETION_SETTLE_MS);
    this.workers.wake();
  }
}

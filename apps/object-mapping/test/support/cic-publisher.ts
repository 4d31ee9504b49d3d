import type { EventDefinition } from '@bridge/contracts';
import type { EventPublisher } from '@bridge/messaging';
import { randomUUID } from 'node:crypto';

/** Publishes a CIC event on `cic.>` in a fresh envelope, as cic-ingestion's relay does. */
export function cicPublisher(publisher: EventPublisher) {
  return async <D extends EventDefinition>(definition: D, data: unknown): Promise<void> => {
    await publisher.publish({
      id: randomUUID(),
      type: definition.type,
      schemaVersion: definition.schemaVersion,
      occurredAt: new Date().toISOString(),
      source: 'test',
      correlationId: randomUUID(),
      data,
    });
  };
}

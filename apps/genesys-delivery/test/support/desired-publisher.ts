import type { AnyEventDefinition, EventData } from '@bridge/contracts';
import { connectNats, ensureStreams, EventPublisher, Topology } from '@bridge/messaging';
import type { Isolation } from '@bridge/testing';
import { randomUUID } from 'node:crypto';

export interface DesiredPublisher {
  /** Publishes one event as object-mapping would, in a fresh envelope. */
  publish<D extends AnyEventDefinition>(definition: D, data: EventData<D>): Promise<void>;
  close(): Promise<void>;
}

/** Publishes desired documents into an isolation's NATS namespace, standing in for object-mapping. */
export async function desiredPublisher(isolation: Isolation, name: string): Promise<DesiredPublisher> {
  const nats = await connectNats(isolation.natsUrl, name);
  const topology = new Topology(isolation.namespace);
  await ensureStreams(nats, topology);
  const publisher = new EventPublisher(nats, topology);
  return {
    publish: async (definition, data) => {
      const id = randomUUID();
      await publisher.publish({
        id,
        type: definition.type,
        schemaVersion: definition.schemaVersion,
        occurredAt: new Date().toISOString(),
        source: 'test',
        correlationId: id,
        data,
      });
    },
    close: () => nats.close(),
  };
}

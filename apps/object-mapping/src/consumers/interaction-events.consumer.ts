import {
  cicInteractionEvents,
  cicInteractionSubjectFilter,
  MappingConversationDesired,
  type BridgeEvent,
  type CicInteraction,
  type Envelope,
} from '@bridge/contracts';
import { conversationOf } from '@bridge/interaction-mapping';
import { EventPublisher, JetStreamBatchConsumer, stableUuid, type ReceivedEvent } from '@bridge/messaging';
import { Controller, Inject } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';

/**
 * Maps CIC interaction events to desired Genesys conversations. Stateless: every interaction event carries the
 * whole interaction, so the last one of each interaction in a batch is all that is mapped, and the document's
 * envelope id is derived from that CIC event (a redelivery publishes a duplicate JetStream drops). MAPPING keeps
 * the newest document per interaction.
 */
@Controller()
export class InteractionEventsConsumer {
  constructor(@Inject(EventPublisher) private readonly publisher: EventPublisher) {}

  @JetStreamBatchConsumer({
    durable: 'object-mapping--interactions',
    stream: 'CIC',
    filterSubject: cicInteractionSubjectFilter,
    maxBatch: 1_000,
  })
  async received(@Payload() received: readonly ReceivedEvent[]): Promise<void> {
    const latest = new Map<string, { event: BridgeEvent; interaction: CicInteraction }>();
    for (const { event } of received) {
      const interaction = interactionOf(event);
      if (interaction) latest.set(interaction.interactionId, { event, interaction });
    }
    await Promise.all([...latest.values()].map(({ event, interaction }) => this.publish(event, interaction)));
  }

  private async publish(cause: BridgeEvent, interaction: CicInteraction): Promise<void> {
    const envelope: Envelope = {
      id: stableUuid(`mapping-conversation:${cause.id}`, 4),
      type: MappingConversationDesired.type,
      schemaVersion: MappingConversationDesired.schemaVersion,
      occurredAt: new Date().toISOString(),
      source: 'object-mapping',
      correlationId: cause.correlationId,
      causationId: cause.id,
      data: { key: interaction.interactionId, document: conversationOf(interaction, (name) => stableUuid(name, 4)) },
    };
    await this.publisher.publish(envelope);
  }
}

const interactionTypes = new Set<string>(cicInteractionEvents.map((definition) => definition.type));

/** The interaction an interaction event carries (decoded against its schema); undefined for any other event. */
function interactionOf(event: BridgeEvent): CicInteraction | undefined {
  return interactionTypes.has(event.type)
    ? (event.data as { interaction: CicInteraction }).interaction
    : undefined;
}

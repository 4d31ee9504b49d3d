import {
  cicInteractionEvents,
  cicInteractionSubjectFilter,
  MappingConversationDesired,
  type BridgeEvent,
  type CicInteraction,
  type Envelope,
} from '@bridge/contracts';
import { conversationOf } from '@bridge/interaction-mapping';
import {
  contextFromCarrier,
  EventPublisher,
  JetStreamBatchConsumer,
  stableUuid,
  type ReceivedEvent,
} from '@bridge/messaging';
import type { TraceCarrier } from '@bridge/telemetry';
import { Controller, Inject } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';

/** How many interactions the consumer remembers the newest CIC event of: far more than one ack wait brings. */
const REMEMBERED = 50_000;

/**
 * Maps CIC interaction events to desired Genesys conversations. Every interaction event carries the whole
 * interaction, and the document's envelope id is derived from that CIC event (a redelivery publishes a duplicate
 * JetStream drops). MAPPING keeps the last document published per interaction, so an older one must never follow
 * a newer: after a crash, the unacked events come again only once their ack wait is over, by when newer events of
 * the same interaction may have been mapped (their documents are not duplicates, and would be replaced). The
 * consumer remembers the newest CIC event it mapped per interaction and maps none older.
 */
@Controller()
export class InteractionEventsConsumer {
  private readonly newest = new Map<string, number>();

  constructor(@Inject(EventPublisher) private readonly publisher: EventPublisher) {}

  @JetStreamBatchConsumer({
    durable: 'object-mapping--interactions',
    stream: 'CIC',
    filterSubject: cicInteractionSubjectFilter,
    maxBatch: 1_000,
  })
  async received(@Payload() received: readonly ReceivedEvent[]): Promise<void> {
    const byInteraction = new Map<
      string,
      { event: BridgeEvent; interaction: CicInteraction; trace: TraceCarrier; sequence: number }[]
    >();
    for (const { event, trace, streamSequence: sequence } of received) {
      const interaction = interactionOf(event);
      if (!interaction) continue;
      const newest = this.newest.get(interaction.interactionId);
      if (newest !== undefined && sequence < newest) continue;
      const events = byInteraction.get(interaction.interactionId);
      if (events) events.push({ event, interaction, trace, sequence });
      else byInteraction.set(interaction.interactionId, [{ event, interaction, trace, sequence }]);
    }
    // Every event's document, in order within an interaction: MAPPING keeps the last one per interaction, and a
    // redelivery after a crash publishes the same documents under the same ids again (JetStream drops them), so
    // the last one kept is always the newest. Collapsing a batch to its newest would let a redelivered shorter
    // batch publish an older document anew after the newest, which would then be dropped as a duplicate.
    await Promise.all(
      [...byInteraction.values()].map(async (events) => {
        for (const { event, interaction, trace, sequence } of events) {
          await this.publish(event, interaction, trace);
          this.remember(interaction.interactionId, sequence);
        }
      }),
    );
  }

  private remember(interactionId: string, sequence: number): void {
    // Deleted and set again, so the map's order is by last use and the one left out is the longest unused.
    const newest = Math.max(sequence, this.newest.get(interactionId) ?? 0);
    this.newest.delete(interactionId);
    this.newest.set(interactionId, newest);
    if (this.newest.size > REMEMBERED) {
      const oldest = this.newest.keys().next();
      if (!oldest.done) this.newest.delete(oldest.value);
    }
  }

  /** One document, in the trace of the CIC event it follows from. */
  private async publish(cause: BridgeEvent, interaction: CicInteraction, trace: TraceCarrier): Promise<void> {
    await this.publisher.publish(
      conversationDesired(interaction, {
        id: stableUuid(`mapping-conversation:${cause.id}`, 4),
        correlationId: cause.correlationId,
        causationId: cause.id,
      }),
      contextFromCarrier(trace),
    );
  }
}

/**
 * The desired conversation of an interaction as published on MAPPING; `backfill` marks one a backfill published
 * again from the event store.
 */
export function conversationDesired(
  interaction: CicInteraction,
  ids: Pick<Envelope, 'id' | 'correlationId' | 'causationId'>,
  backfill = false,
): Envelope {
  return {
    ...ids,
    type: MappingConversationDesired.type,
    schemaVersion: MappingConversationDesired.schemaVersion,
    occurredAt: new Date().toISOString(),
    source: 'object-mapping',
    data: {
      key: interaction.interactionId,
      document: conversationOf(interaction, (name) => stableUuid(name, 4)),
      ...(backfill ? { backfill: true } : {}),
    },
  };
}

const interactionTypes = new Set<string>(cicInteractionEvents.map((definition) => definition.type));

/** The interaction an interaction event carries (decoded against its schema); undefined for any other event. */
function interactionOf(event: BridgeEvent): CicInteraction | undefined {
  return interactionTypes.has(event.type)
    ? (event.data as { interaction: CicInteraction }).interaction
    : undefined;
}

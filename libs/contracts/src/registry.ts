import { z } from 'zod';
import { DeliveryRecordOutcome } from './delivery/delivery-record-outcome';
import { DeliveryReprovisionProgressed } from './delivery/delivery-reprovision-progressed';
import { envelopeSchema, type Envelope, type EventDefinition } from './envelope';
import { cicKinds, targetKinds } from './kinds';
import { DeadletterMessageRecorded } from './messaging/deadletter-message-recorded';
import { interactionEvents } from './interactions/conversation-desired-events';
import { inboxNotificationEvents } from './notifications/inbox-notification-events';
import { presenceEvents } from './presence/presence-desired-events';

/**
 * Every event the bridge publishes: those of each object kind, and the others. A new event is added here or to a
 * kind, and the conformance test checks it.
 */
export const eventDefinitions = [
  ...Object.values(cicKinds).flatMap((kind) => [kind.changed, kind.removed]),
  ...Object.values(targetKinds).map((kind) => kind.desired),
  ...presenceEvents,
  ...interactionEvents,
  ...inboxNotificationEvents,
  DeliveryRecordOutcome,
  DeliveryReprovisionProgressed,
  DeadletterMessageRecorded,
];

export type AnyEventDefinition = (typeof eventDefinitions)[number];
export type EventType = AnyEventDefinition['type'];

/** The envelope of one known event, its `data` typed by `type`: switch on `type` to narrow. */
export type BridgeEvent = {
  [D in AnyEventDefinition as D['type']]: Envelope<z.infer<D['schema']>> & { readonly type: D['type'] };
}[EventType];

/** Every definition under its type and under each of its former types. */
const byType = new Map<string, EventDefinition>(
  eventDefinitions.flatMap((definition) =>
    [definition.type, ...(definition.formerTypes ?? [])].map((type) => [type, definition] as const),
  ),
);

/** The definition of an event type, or of the event that type is a former name of (ADR 0003). */
export function eventDefinitionOf(type: string): EventDefinition | undefined {
  return byType.get(type);
}

/** Why a message could not be decoded, with a path to the offending field. */
export class InvalidMessageError extends Error {
  override readonly name = 'InvalidMessageError';
}

/**
 * Validates a message at the edge: the envelope, a known type and version, and the data against its schema.
 * Returns the typed event, under its current type if it was written under a former one, or throws
 * InvalidMessageError.
 */
export function decodeEvent(raw: unknown): BridgeEvent {
  const envelope = envelopeSchema.safeParse(raw);
  if (!envelope.success)
    throw new InvalidMessageError(`invalid envelope: ${z.prettifyError(envelope.error)}`);
  const definition = byType.get(envelope.data.type);
  if (!definition) throw new InvalidMessageError(`unknown event type ${envelope.data.type}`);
  if (envelope.data.schemaVersion !== definition.schemaVersion) {
    throw new InvalidMessageError(
      `${definition.type}: unsupported schema version ${envelope.data.schemaVersion} (expected ${definition.schemaVersion})`,
    );
  }
  const data = definition.schema.safeParse(envelope.data.data);
  if (!data.success) throw new InvalidMessageError(`${definition.type}: ${z.prettifyError(data.error)}`);
  return { ...envelope.data, type: definition.type, data: data.data } as BridgeEvent;
}

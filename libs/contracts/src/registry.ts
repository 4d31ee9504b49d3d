import { z } from 'zod';
import {
  CicSkillChanged,
  CicSkillRemoved,
  CicUserChanged,
  CicUserRemoved,
  CicWorkgroupChanged,
  CicWorkgroupRemoved,
  CicWrapUpCodeChanged,
  CicWrapUpCodeRemoved,
} from './cic/cic-events';
import { DeliveryOutcomeRecorded } from './delivery/delivery-outcome-recorded';
import { envelopeSchema, type Envelope, type EventDefinition } from './envelope';
import {
  DesiredLanguageChanged,
  DesiredQueueChanged,
  DesiredSkillChanged,
  DesiredUserChanged,
  DesiredWrapUpCodeChanged,
} from './mapping/desired-state-events';
import { DeadLetterRecorded } from './messaging/dead-letter-recorded';

/** Every event the bridge publishes. A new event is added here, and the conformance test checks it. */
export const eventDefinitions = [
  CicUserChanged,
  CicUserRemoved,
  CicWorkgroupChanged,
  CicWorkgroupRemoved,
  CicSkillChanged,
  CicSkillRemoved,
  CicWrapUpCodeChanged,
  CicWrapUpCodeRemoved,
  DesiredUserChanged,
  DesiredQueueChanged,
  DesiredSkillChanged,
  DesiredLanguageChanged,
  DesiredWrapUpCodeChanged,
  DeliveryOutcomeRecorded,
  DeadLetterRecorded,
] as const;

export type AnyEventDefinition = (typeof eventDefinitions)[number];
export type EventType = AnyEventDefinition['type'];

/** The envelope of one known event, its `data` typed by `type`: switch on `type` to narrow. */
export type BridgeEvent = {
  [D in AnyEventDefinition as D['type']]: Envelope<z.infer<D['schema']>> & { readonly type: D['type'] };
}[EventType];

const byType = new Map<string, EventDefinition>(
  eventDefinitions.map((definition) => [definition.type, definition]),
);

export function definitionOf(type: string): EventDefinition | undefined {
  return byType.get(type);
}

/** Why a message could not be decoded, with a path to the offending field. */
export class InvalidMessageError extends Error {
  override readonly name = 'InvalidMessageError';
}

/**
 * Validates a message at the edge: the envelope, a known type and version, and the data against its schema.
 * Returns the typed event or throws InvalidMessageError.
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
  return { ...envelope.data, data: data.data } as BridgeEvent;
}

import { z } from 'zod';
import type { StreamName } from './streams';
import { encodeSubjectToken } from './subject-token';

/**
 * The one envelope every message carries. Trace context is not here: it travels in NATS headers, which only
 * libs/messaging reads and writes.
 */
export const envelopeSchema = z.object({
  /** Unique per event; also the `Nats-Msg-Id`, so JetStream drops a re-published duplicate. */
  id: z.uuid(),
  type: z.string().min(1),
  schemaVersion: z.number().int().positive(),
  occurredAt: z.iso.datetime({ offset: true }),
  /** The service that produced the event. */
  source: z.string().min(1),
  /** Shared by every event that follows from one cause (a CIC change, a replay). */
  correlationId: z.string().min(1),
  /** The id of the event or request that caused this one. */
  causationId: z.string().min(1).optional(),
  data: z.unknown(),
});

export type Envelope<Data = unknown> = Omit<z.infer<typeof envelopeSchema>, 'data'> & { readonly data: Data };

/** One event's contract: the runtime schema and the static type come from the same definition. */
export interface EventDefinition<Type extends string = string, Schema extends z.ZodType = z.ZodType> {
  /** The PascalCase of the subject's three tokens: `cic.wrap-up-code.changed` ↔ `CicWrapUpCodeChanged`. */
  readonly type: Type;
  /**
   * Names this event had before (ADR 0003). Messages and stored events written under one still decode, as this
   * event: JetStream keeps them and the event store holds them by type.
   */
  readonly formerTypes?: readonly string[];
  readonly schemaVersion: number;
  /** `<producer>.<entity>.<event>`; for keyed events the encoded key is appended as one more token. */
  readonly subject: string;
  readonly stream: StreamName;
  readonly schema: Schema;
  /** For streams that keep one message per object: the object's key tokens, before encoding. */
  readonly key?: (data: z.infer<Schema>) => string | readonly string[];
}

export type EventData<D extends EventDefinition> = z.infer<D['schema']>;

export function defineEvent<Type extends string, Schema extends z.ZodType>(
  definition: EventDefinition<Type, Schema>,
): EventDefinition<Type, Schema> {
  return Object.freeze(definition);
}

/** The subject one event is published on. */
export function subjectOf<D extends EventDefinition>(definition: D, data: EventData<D>): string {
  if (!definition.key) return definition.subject;
  const key = definition.key(data);
  return [definition.subject, ...(typeof key === 'string' ? [key] : key).map(encodeSubjectToken)].join('.');
}

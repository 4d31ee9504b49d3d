import { canonicalJson, cicKinds, type CicObjectKind } from '@bridge/contracts';
import type { CicObject } from './kinds';

/**
 * What the log knows of one CIC object: a digest of its last state (undefined once removed), the id of that event,
 * and the state itself where the caller reads it (a 100,000-user center's objects would hold most of
 * cic-ingestion's memory only to be compared).
 */
export interface KnownObject {
  readonly digest: string | undefined;
  readonly eventId: string;
  readonly object?: CicObject;
}
export type KnownObjects = ReadonlyMap<string, KnownObject>;

/** A CIC domain event (libs/contracts) about one object, ready to be wrapped in an envelope and appended. */
export interface CicObjectChange {
  readonly kind: CicObjectKind;
  readonly id: string;
  /** Deterministic: the same change from the same known state always gets the same id (see changeOf). */
  readonly eventId: string;
  readonly type: string;
  readonly data: unknown;
  /** The digest of the object's content after the change; undefined for a removal. */
  readonly digest: string | undefined;
}

/** A name → UUID function that always gives the same UUID for the same name (e.g. messaging's stableUuid). */
export type EventIdOf = (name: string) => string;

/**
 * The event that brings `known` to `next` (undefined: the object is gone), or none when nothing changed.
 *
 * The event id is derived from the object, the previous event's id and the new content. So ingesting the same
 * snapshot twice, or after a crash between append and acknowledgement, yields the same ids, and the event store
 * (idempotent by id) keeps one copy. Chaining on the previous id keeps A → B → A from colliding with the first A.
 */
export function changeOf(
  kind: CicObjectKind,
  id: string,
  known: KnownObject | undefined,
  next: CicObject | undefined,
  eventIdOf: EventIdOf,
): CicObjectChange | undefined {
  if (next === undefined) {
    if (known?.digest === undefined) return undefined;
    const { removed } = cicKinds[kind];
    return {
      kind,
      id,
      eventId: eventIdOf(`cic|${kind}|${id}|${known.eventId}|removed`),
      type: removed.type,
      data: { id },
      digest: undefined,
    };
  }
  const content = canonicalJson(next);
  const digest = contentDigest(content, eventIdOf);
  if (known?.digest === digest) return undefined;
  const { changed } = cicKinds[kind];
  return {
    kind,
    id,
    eventId: eventIdOf(`cic|${kind}|${id}|${known?.eventId ?? ''}|${content}`),
    type: changed.type,
    data: { [kind]: next },
    digest,
  };
}

/** What the log knows of an object after a logged `…Changed` (its state) or `…Removed` (undefined). */
export function knownOf(
  object: CicObject | undefined,
  eventId: string,
  eventIdOf: EventIdOf,
  keepObject: boolean,
): KnownObject {
  const digest = object === undefined ? undefined : contentDigest(canonicalJson(object), eventIdOf);
  return keepObject && object !== undefined ? { digest, eventId, object } : { digest, eventId };
}

/** A name-based UUID of the content stands for it: equal content, equal digest, in a fraction of the memory. */
export function contentDigest(canonicalContent: string, eventIdOf: EventIdOf): string {
  return eventIdOf(`cic-content|${canonicalContent}`);
}

/** The object's state after an event: its data for `…Changed`, undefined for `…Removed`. */
export function objectAfter(event: CicObjectChange): CicObject | undefined {
  if (event.type !== cicKinds[event.kind].changed.type) return undefined;
  return (event.data as Record<string, CicObject>)[event.kind];
}

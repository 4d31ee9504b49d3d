import { canonicalJson, cicKinds, type CicObjectKind } from '@bridge/contracts';
import type { CicObject } from './kinds';

/** What the log knows of one CIC object: its last state (undefined once removed) and the id of that event. */
export interface KnownObject {
  readonly object: CicObject | undefined;
  readonly eventId: string;
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
  const before = known?.object;
  if (next === undefined) {
    if (before === undefined) return undefined;
    const { removed } = cicKinds[kind];
    return {
      kind,
      id,
      eventId: eventIdOf(`cic|${kind}|${id}|${known?.eventId ?? ''}|removed`),
      type: removed.type,
      data: { id },
    };
  }
  const content = canonicalJson(next);
  if (before !== undefined && canonicalJson(before) === content) return undefined;
  const { changed } = cicKinds[kind];
  return {
    kind,
    id,
    eventId: eventIdOf(`cic|${kind}|${id}|${known?.eventId ?? ''}|${content}`),
    type: changed.type,
    data: { [kind]: next },
  };
}

/** The object's state after an event: its data for `…Changed`, undefined for `…Removed`. */
export function objectAfter(event: CicObjectChange): CicObject | undefined {
  if (event.type !== cicKinds[event.kind].changed.type) return undefined;
  return (event.data as Record<string, CicObject>)[event.kind];
}

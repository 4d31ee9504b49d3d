import type { CicObjectKind } from '@bridge/contracts';
import { changeOf, type CicObjectChange, type EventIdOf, type KnownObjects } from './cic-object-change';
import type { CicObject } from './kinds';

/**
 * The events that bring what the log knows of one kind to a full snapshot of it: a `…Changed` for each object
 * added or changed, a `…Removed` for each known object the snapshot no longer holds, nothing for the rest.
 * `unreadable` names objects the snapshot holds but we could not parse: they are not removed, since CIC still
 * has them, and not changed, since we cannot tell to what.
 */
export function diffSnapshot(
  kind: CicObjectKind,
  known: KnownObjects,
  snapshot: ReadonlyMap<string, CicObject>,
  options: { readonly eventIdOf: EventIdOf; readonly unreadable?: ReadonlySet<string> },
): CicObjectChange[] {
  const events: CicObjectChange[] = [];
  for (const [id, object] of snapshot) {
    const event = changeOf(kind, id, known.get(id), object, options.eventIdOf);
    if (event) events.push(event);
  }
  const unreadable = options.unreadable;
  events.push(
    ...snapshotRemovals(
      kind,
      known,
      (id) => snapshot.has(id) || unreadable?.has(id) === true,
      options.eventIdOf,
    ),
  );
  return events;
}

/**
 * The `…Removed` events of a snapshot: every known object it does not hold. For a snapshot read in parts,
 * `holds` is the set of every id its parts held, readable or not.
 */
export function snapshotRemovals(
  kind: CicObjectKind,
  known: KnownObjects,
  holds: (id: string) => boolean,
  eventIdOf: EventIdOf,
): CicObjectChange[] {
  const events: CicObjectChange[] = [];
  for (const [id, entry] of known) {
    if (entry.digest === undefined || holds(id)) continue;
    const event = changeOf(kind, id, entry, undefined, eventIdOf);
    if (event) events.push(event);
  }
  return events;
}

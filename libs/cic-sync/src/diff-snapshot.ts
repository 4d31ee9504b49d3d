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
  for (const [id, entry] of known) {
    if (entry.object === undefined || snapshot.has(id) || options.unreadable?.has(id)) continue;
    const event = changeOf(kind, id, entry, undefined, options.eventIdOf);
    if (event) events.push(event);
  }
  return events;
}

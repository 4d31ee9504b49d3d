import { ICWS, kindFromSegment, type ConfigKind } from '../icws-names';
import { isObject, type Json, type JsonObject } from './json';
import { fail, ok, type Outcome } from './outcome';

/**
 * Properties this server leaves out of every item it renders, as a real server does with NULL values and as one
 * would with a property we named wrongly: `workgroups.isActive`, `users.personalInformationProperties.mobileNumber`
 * (the object type's path segment, then the dotted property). For testing how clients cope with either.
 */
export type OmittedProperties = ReadonlyMap<ConfigKind, readonly (readonly string[])[]>;

export const NOTHING_OMITTED: OmittedProperties = new Map();

/** Parses `type.path` entries; configurationId cannot be left out, since every item is known by it. */
export function parseOmittedProperties(entries: readonly string[]): Outcome<OmittedProperties> {
  const omitted = new Map<ConfigKind, string[][]>();
  for (const entry of entries.map((raw) => raw.trim()).filter((raw) => raw !== '')) {
    const [segment = '', ...path] = entry.split('.');
    const kind = kindFromSegment(segment);
    if (!kind || path.length === 0 || path.some((part) => part === ''))
      return fail('invalid', `"${entry}": expected <users|workgroups|skills|wrap-up-codes>.<property path>`);
    if (path[0] === ICWS.common.configurationId)
      return fail('invalid', `"${entry}": configurationId is never left out`);
    omitted.set(kind, [...(omitted.get(kind) ?? []), path]);
  }
  return ok(omitted);
}

/** The item without the omitted properties; an object left empty by it is left out too (ICWS omits NULLs). */
export function withoutOmitted(object: JsonObject, paths: readonly (readonly string[])[]): JsonObject {
  if (paths.length === 0) return object;
  const out = structuredClone(object);
  for (const path of paths) remove(out, path);
  return out;
}

function remove(object: JsonObject, path: readonly string[]): void {
  const [head, ...rest] = path as [string, ...string[]];
  if (rest.length === 0) {
    delete object[head];
    return;
  }
  const inner: Json | undefined = object[head];
  if (!isObject(inner)) return;
  remove(inner, rest);
  if (Object.keys(inner).length === 0) delete object[head];
}

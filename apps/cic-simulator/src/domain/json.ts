/** JSON values as they travel on the wire. */
export type Json = string | number | boolean | null | Json[] | JsonObject;
export interface JsonObject {
  [key: string]: Json;
}

/** Drops undefined members, so a null (unset) property is simply absent, as ICWS does (reference §3.2). */
export function compact(entries: Record<string, Json | undefined>): JsonObject {
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(entries)) if (value !== undefined) out[key] = value;
  return out;
}

/** Like compact, but an object left empty is itself absent. */
export function compactOrAbsent(entries: Record<string, Json | undefined>): JsonObject | undefined {
  const out = compact(entries);
  return Object.keys(out).length === 0 ? undefined : out;
}

export function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

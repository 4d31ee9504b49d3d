import { isUnsafeKey } from './unsafe-keys';

/**
 * JSON with object keys sorted and undefined members left out, so two equal objects give the same text whatever
 * order their keys came in (the parser's order, or Postgres jsonb's after a round trip through the log). Keys that
 * could re-parent the copy (`__proto__` …) are left out.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    if (isUnsafeKey(key)) continue;
    const member = (value as Record<string, unknown>)[key];
    if (member !== undefined) out[key] = sortKeys(member);
  }
  return out;
}

import { isUnsafeKey } from '@bridge/contracts';
import { ICWS } from './icws-names';

type JsonRecord = Record<string, unknown>;

const isRecord = (value: unknown): value is JsonRecord =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Applies a `changed` item of a delta message to the cached item (§3.5): present properties replace, an explicit
 * null clears, absent ones stay. Objects merge member by member, because our subscriptions select dotted paths
 * (`personalInformationProperties.emailAddress`) and a delta carries only the leaves that changed; arrays and
 * scalars replace whole. `configurationId` always comes whole (a cleared display name is simply absent from it),
 * so it replaces. Keys that could re-parent the result (`__proto__` …) are dropped. Returns a new object; the cached
 * one is not touched.
 */
export function mergeDelta(cached: JsonRecord, change: JsonRecord): JsonRecord {
  const out: JsonRecord = { ...cached };
  for (const [key, value] of Object.entries(change)) {
    if (isUnsafeKey(key)) continue;
    if (value === null) delete out[key];
    else if (key !== ICWS.common.configurationId && isRecord(value) && isRecord(out[key]))
      out[key] = mergeDelta(out[key], value);
    else out[key] = value;
  }
  return out;
}

import type { TraceCarrier } from '@bridge/telemetry';

/** The trace contexts a row keeps: a storm of changes to one object links its delivery to the latest. */
const keptTraces = 16;

/**
 * The `traces` a stored row gets (an upsert's SET, `row` its alias): the traces of changes that wait together are
 * kept together; a row a worker holds is being delivered at an older revision, whose traces are its own, so the
 * new revision starts with the new change's.
 */
export function tracesOnStore(row: string): string {
  return `traces = CASE WHEN ${row}.dirty AND ${row}.lease_until IS NULL
    THEN jsonb_path_query_array(${row}.traces || EXCLUDED.traces, '$[last-${keptTraces - 1} to last]')
    ELSE EXCLUDED.traces END`;
}

/** The distinct trace contexts of each key's items, in order, as JSON for a `jsonb[]` parameter. */
export function tracesByKey<T extends { readonly trace?: TraceCarrier }>(
  items: readonly T[],
  keyOf: (item: T) => string,
): (key: string) => string {
  const traces = new Map<string, TraceCarrier[]>();
  for (const item of items) {
    const parent = item.trace?.traceparent;
    if (!parent) continue;
    const known = traces.get(keyOf(item)) ?? [];
    if (!known.some((trace) => trace.traceparent === parent)) known.push(item.trace);
    traces.set(keyOf(item), known);
  }
  return (key) => JSON.stringify(traces.get(key) ?? []);
}

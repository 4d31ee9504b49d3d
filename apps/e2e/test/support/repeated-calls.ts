/** One request from the Genesys simulator's `/sim/requests` log, as far as telling a repeated call needs. */
export interface LoggedCall {
  readonly method: string;
  readonly path: string;
  readonly endpoint: string;
  readonly status: number;
  readonly receivedAtMs: number;
  readonly answeredAtMs: number;
  readonly bodySha256?: string;
}

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** A call's answer told the caller it did not take effect, or never reached it (status 0). */
const failed = (status: number) => status === 0 || status >= 400;

const mutating = (calls: readonly LoggedCall[]) =>
  calls.filter((call) => MUTATING.has(call.method) && call.path.startsWith('/api/v2/'));

/**
 * The events APIs keep one event per event id, which the bridge derives from the change: a batch sent again
 * after a round died with its answer unrecorded changes nothing in Genesys, and is how the presence and
 * replication lanes deliver at least once. Every other mutating call changes an object each time it goes.
 */
const keyedByEventId = (call: LoggedCall) => call.path.startsWith('/api/v2/events/');

/**
 * The mutating API calls (POST, PUT, PATCH, DELETE; event batches aside) that repeat an earlier one, same
 * method, path and body, without a failure answer to that earlier one before the repeat was sent: what two
 * instances, or one that forgot what it did, would send twice. A retry after a failure, a 429 or no answer is
 * not a repeat.
 */
export function repeatedCalls(calls: readonly LoggedCall[]): string[] {
  const byCall = new Map<string, LoggedCall[]>();
  for (const call of mutating(calls).filter((c) => !keyedByEventId(c))) {
    const key = `${call.method} ${call.path} ${call.bodySha256 ?? ''}`;
    byCall.set(key, [...(byCall.get(key) ?? []), call]);
  }
  const repeats: string[] = [];
  for (const same of byCall.values()) {
    const ordered = [...same].sort((a, b) => a.receivedAtMs - b.receivedAtMs);
    ordered.forEach((call, i) => {
      const before = ordered[i - 1];
      if (before && !(failed(before.status) && before.answeredAtMs <= call.receivedAtMs))
        repeats.push(
          `${call.method} ${call.path} (body ${call.bodySha256?.slice(0, 8) ?? 'none'}): ` +
            `${before.status} at ${before.receivedAtMs}, again ${call.status} at ${call.receivedAtMs}`,
        );
    });
  }
  return repeats;
}

/** Mutating API calls Genesys took (2xx) per endpoint template, for the log of a run. */
export function mutationsTaken(calls: readonly LoggedCall[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const { endpoint, status } of mutating(calls))
    if (status >= 200 && status < 300) counts[endpoint] = (counts[endpoint] ?? 0) + 1;
  return counts;
}

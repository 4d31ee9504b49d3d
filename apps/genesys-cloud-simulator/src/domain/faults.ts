/**
 * Fault injection rules, set through /sim/faults. A rule matches requests whose path starts with `pathPrefix`
 * (and, if given, whose method matches). Ratios are applied deterministically with an accumulator (0.5 fails
 * every second matching request), so tests can count on them without seeding randomness.
 */
export interface FaultRule {
  readonly id: string;
  readonly pathPrefix: string;
  readonly method?: string;
  /** Added before the request is handled. */
  readonly latencyMs?: number;
  /** Added after the request is handled, before its answer goes out: the work is done, the answer is late. */
  readonly answerLatencyMs?: number;
  /** Share of matching requests answered with `errorStatus` (default 503). */
  readonly errorRatio?: number;
  readonly errorStatus?: number;
  /** Share of matching requests that never get an answer (the client times out). */
  readonly timeoutRatio?: number;
  /** Share of matching requests whose connection is reset without an answer. */
  readonly resetRatio?: number;
  /** The rule retires after this many matching requests (unset: stays until cleared). */
  readonly remaining?: number;
}

export type FaultAction =
  | { readonly kind: 'none'; readonly latencyMs: number; readonly answerLatencyMs: number }
  | { readonly kind: 'error'; readonly latencyMs: number; readonly status: number }
  | { readonly kind: 'timeout'; readonly latencyMs: number }
  | { readonly kind: 'reset'; readonly latencyMs: number };

export interface FaultState {
  rule: FaultRule;
  accumulators: { error: number; timeout: number; reset: number };
  matched: number;
}

function fires(state: FaultState, key: 'error' | 'timeout' | 'reset', ratio: number | undefined): boolean {
  if (!ratio || ratio <= 0) return false;
  state.accumulators[key] += ratio;
  if (state.accumulators[key] >= 1 - 1e-9) {
    state.accumulators[key] -= 1;
    return true;
  }
  return false;
}

/** Decides what happens to one request; mutates only the matching rules' counters. */
export function decideFault(states: FaultState[], method: string, path: string): FaultAction {
  let latencyMs = 0;
  let answerLatencyMs = 0;
  let action: FaultAction | undefined;
  for (const state of states) {
    const { rule } = state;
    if (!path.startsWith(rule.pathPrefix)) continue;
    if (rule.method && rule.method.toUpperCase() !== method.toUpperCase()) continue;
    if (rule.remaining !== undefined && state.matched >= rule.remaining) continue;
    state.matched += 1;
    latencyMs += rule.latencyMs ?? 0;
    answerLatencyMs += rule.answerLatencyMs ?? 0;
    if (action) continue;
    if (fires(state, 'reset', rule.resetRatio)) action = { kind: 'reset', latencyMs: 0 };
    else if (fires(state, 'timeout', rule.timeoutRatio)) action = { kind: 'timeout', latencyMs: 0 };
    else if (fires(state, 'error', rule.errorRatio)) {
      action = { kind: 'error', latencyMs: 0, status: rule.errorStatus ?? 503 };
    }
  }
  return action ? { ...action, latencyMs } : { kind: 'none', latencyMs, answerLatencyMs };
}

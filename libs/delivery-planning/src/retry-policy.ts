/** Why a Genesys Cloud call failed, as the client reports it. */
export type FailureKind =
  /** 429: wait for `Retry-After`. */
  | 'rateLimited'
  /** 5xx, a reset connection. */
  | 'unavailable'
  /** No answer in time: the call may or may not have been applied. */
  | 'timeout'
  /** 409: an object with that name or email exists already. */
  | 'conflict'
  | 'notFound'
  /** Any other 4xx: the request itself is wrong; retrying the same body will not help. */
  | 'rejected';

export interface DeliveryFailure {
  readonly kind: FailureKind;
  readonly status: number;
  readonly code: string;
  readonly message: string;
  readonly retryAfterMs?: number;
}

export interface RetrySettings {
  /** Attempts (5xx, timeouts) before a record is quarantined. */
  readonly maxAttempts: number;
  /** Attempts of a rejected (4xx) request before quarantine. */
  readonly maxRejectedAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

export const defaultRetrySettings: RetrySettings = {
  maxAttempts: 6,
  maxRejectedAttempts: 2,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
};

export type RetryDecision =
  { readonly action: 'retry'; readonly delayMs: number } | { readonly action: 'quarantine' };

/**
 * What to do after the `attempt`-th failed attempt (1-based) at one record: retry after an exponential back-off
 * with jitter ("equal jitter": half fixed, half random, so retries of many records spread out), or quarantine
 * the record so the others go on. A `429` is the budget's business, not the record's: always retry after
 * `Retry-After`. `random` is a number in [0, 1).
 */
export function retryPolicy(
  attempt: number,
  failure: DeliveryFailure,
  random: number,
  settings: RetrySettings = defaultRetrySettings,
): RetryDecision {
  if (failure.kind === 'rateLimited') return { action: 'retry', delayMs: failure.retryAfterMs ?? 1000 };
  const limit = failure.kind === 'rejected' ? settings.maxRejectedAttempts : settings.maxAttempts;
  if (attempt >= limit) return { action: 'quarantine' };
  const ceiling = Math.min(settings.maxDelayMs, settings.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return { action: 'retry', delayMs: Math.round(ceiling / 2 + (random * ceiling) / 2) };
}

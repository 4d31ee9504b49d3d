/**
 * Sign-in throttling as a pure rule: failed attempts are counted per key (an account, a client address) in a
 * window; past the limit the key is locked until the window of its oldest counted failure ends. The app keeps one
 * state per key and asks before each attempt.
 */
export interface ThrottleRule {
  /** Failures allowed in the window before the key is locked. */
  readonly maxFailures: number;
  readonly windowMs: number;
}

/** Failures of one key, oldest first, each the time it happened (ms). */
export type FailureTimes = readonly number[];

/** Five failed passwords per account in 15 minutes, as Windows' and CIC's own lockout defaults allow about. */
export const ACCOUNT_RULE: ThrottleRule = { maxFailures: 5, windowMs: 15 * 60_000 };
/** One address trying many accounts: more room (an office behind one NAT), still bounded. */
export const ADDRESS_RULE: ThrottleRule = { maxFailures: 20, windowMs: 15 * 60_000 };

/** The failures still inside the window at `now`. */
export function recentFailures(failures: FailureTimes, now: number, rule: ThrottleRule): FailureTimes {
  const since = now - rule.windowMs;
  const first = failures.findIndex((time) => time > since);
  return first === -1 ? [] : failures.slice(first);
}

/** Whether an attempt may go ahead now, or how long the key stays locked. */
export function attemptAllowed(
  failures: FailureTimes,
  now: number,
  rule: ThrottleRule,
): { allowed: true } | { allowed: false; waitMs: number } {
  const recent = recentFailures(failures, now, rule);
  if (recent.length < rule.maxFailures) return { allowed: true };
  const unlockAt = (recent[recent.length - rule.maxFailures] ?? now) + rule.windowMs;
  return { allowed: false, waitMs: Math.max(1, unlockAt - now) };
}

/** The key's failures after one more at `now` (older ones outside the window dropped, at most the limit kept). */
export function withFailure(failures: FailureTimes, now: number, rule: ThrottleRule): FailureTimes {
  return [...recentFailures(failures, now, rule), now].slice(-rule.maxFailures);
}

/**
 * Login throttling, kept per key (`user:<id>` and `address:<ip>`): after `maxFailures` failed attempts within
 * `windowMs` the key is locked, for `lockMs` doubling with each further failure up to `maxLockMs`. Locking an
 * account for everyone is what attackers want, so locks are short and also kept per address.
 */
export interface ThrottlePolicy {
  readonly maxFailures: number;
  readonly windowMs: number;
  readonly lockMs: number;
  readonly maxLockMs: number;
  /** A success forgets the failures. True for users; false for addresses, so one known account cannot reset them. */
  readonly resetOnSuccess: boolean;
}

export const USER_THROTTLE: ThrottlePolicy = {
  maxFailures: 5,
  windowMs: 15 * 60_000,
  lockMs: 30_000,
  maxLockMs: 15 * 60_000,
  resetOnSuccess: true,
};

export const ADDRESS_THROTTLE: ThrottlePolicy = {
  maxFailures: 20,
  windowMs: 15 * 60_000,
  lockMs: 60_000,
  maxLockMs: 15 * 60_000,
  resetOnSuccess: false,
};

export interface ThrottleState {
  readonly failures: number;
  readonly windowStartedAt: number;
  readonly lockedUntil: number;
}

export type ThrottleDecision =
  { readonly allowed: true } | { readonly allowed: false; readonly waitMs: number };

/** Whether a login attempt for this key may go ahead at `now` (epoch ms). */
export function throttleDecision(state: ThrottleState | undefined, now: number): ThrottleDecision {
  if (state === undefined || state.lockedUntil <= now) return { allowed: true };
  return { allowed: false, waitMs: state.lockedUntil - now };
}

/** The key's state after an attempt; `undefined` means there is nothing left to remember. */
export function nextThrottleState(
  state: ThrottleState | undefined,
  attempt: 'failed' | 'succeeded',
  now: number,
  policy: ThrottlePolicy,
): ThrottleState | undefined {
  const current = state === undefined || isForgotten(state, now, policy) ? undefined : state;
  if (attempt === 'succeeded') return policy.resetOnSuccess ? undefined : current;
  const failures = (current?.failures ?? 0) + 1;
  const over = failures - policy.maxFailures;
  const lockedUntil =
    over < 0 ? 0 : now + Math.min(policy.maxLockMs, policy.lockMs * 2 ** Math.min(over, 30));
  return { failures, windowStartedAt: current?.windowStartedAt ?? now, lockedUntil };
}

/** True once the window has passed and no lock holds: the key's state can be dropped. */
export function isForgotten(state: ThrottleState, now: number, policy: ThrottlePolicy): boolean {
  return state.lockedUntil <= now && now - state.windowStartedAt >= policy.windowMs;
}

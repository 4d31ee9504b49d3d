/**
 * Login throttling, kept per key (`user:<id>` and `address:<ip>`): after `maxFailures` failed attempts within
 * `windowMs` the key is locked, for `lockMs` doubling with each further failure up to `maxLockMs`. Locking an
 * account for everyone is what attackers want, so locks are short and also kept per address.
 *
 * An attempt holds one of the key's `maxFailures` places from the moment it is allowed (`reserveAttempt`) until
 * CIC answers (`settleAttempt`): checking first and counting after the CIC call would let a concurrent burst all
 * pass. A held place is not a failure, though: only failures CIC reported lock the key, so a burst of correct
 * passwords for one account (a shared login, a double click) is made to wait for places, never locked out.
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
  /** Attempts CIC refused within the window. */
  readonly failures: number;
  /** Attempts allowed that CIC has not answered yet. */
  readonly pending: number;
  readonly windowStartedAt: number;
  readonly lockedUntil: number;
}

/**
 * `locked`: failed attempts locked the key for `waitMs`. `busy`: attempts CIC has not answered yet hold the places
 * the failures left, so this one must wait for their outcome (it may be allowed once one of them succeeds).
 */
export type ThrottleDecision =
  | { readonly allowed: true }
  | { readonly allowed: false; readonly reason: 'locked'; readonly waitMs: number }
  | { readonly allowed: false; readonly reason: 'busy' };

/** How many passwords one login form may try before it must be started again from the SP. */
export const LOGIN_FORM_ATTEMPTS = 5;

/**
 * Whether a login attempt for this key may go ahead at `now` (epoch ms). The places are the failures still to go
 * before a lock; once a lock has run out, one attempt at a time, each failure locking the key again for longer.
 */
export function throttleDecision(
  state: ThrottleState | undefined,
  now: number,
  policy: ThrottlePolicy,
): ThrottleDecision {
  if (state === undefined) return { allowed: true };
  if (state.lockedUntil > now) return { allowed: false, reason: 'locked', waitMs: state.lockedUntil - now };
  const failures = windowPassed(state, now, policy) ? 0 : state.failures;
  const places = Math.max(1, policy.maxFailures - failures);
  return state.pending >= places ? { allowed: false, reason: 'busy' } : { allowed: true };
}

/** Whether an attempt may go ahead, and the key's state with a place held for it until it is settled. */
export function reserveAttempt(
  state: ThrottleState | undefined,
  now: number,
  policy: ThrottlePolicy,
): { readonly decision: ThrottleDecision; readonly state: ThrottleState | undefined } {
  const decision = throttleDecision(state, now, policy);
  if (!decision.allowed) return { decision, state };
  const current = inWindow(state, now, policy);
  return { decision, state: { ...current, pending: current.pending + 1 } };
}

/**
 * The key's state once a reserved attempt has its outcome, at `now`; `undefined` means there is nothing left to
 * remember. The attempt's place is given back whatever the outcome. A failure is counted, and locks the key once
 * there are `maxFailures` of them; a success resets the failures of a key whose policy says so.
 */
export function settleAttempt(
  state: ThrottleState | undefined,
  outcome: 'failed' | 'succeeded' | 'unavailable',
  now: number,
  policy: ThrottlePolicy,
): ThrottleState | undefined {
  const current = inWindow(state, now, policy);
  const pending = Math.max(0, current.pending - 1);
  if (outcome === 'failed') {
    const failures = current.failures + 1;
    const over = failures - policy.maxFailures;
    const lockedUntil =
      over < 0
        ? current.lockedUntil
        : now + Math.min(policy.maxLockMs, policy.lockMs * 2 ** Math.min(over, 30));
    return { ...current, failures, pending, lockedUntil };
  }
  const reset = outcome === 'succeeded' && policy.resetOnSuccess;
  const next = reset ? { ...current, failures: 0, pending, lockedUntil: 0 } : { ...current, pending };
  return next.failures === 0 && next.pending === 0 && next.lockedUntil <= now ? undefined : next;
}

/** True once the window has passed, no lock holds and no attempt is waiting for CIC: the state can be dropped. */
export function isForgotten(state: ThrottleState, now: number, policy: ThrottlePolicy): boolean {
  return state.pending === 0 && state.lockedUntil <= now && windowPassed(state, now, policy);
}

function windowPassed(state: ThrottleState, now: number, policy: ThrottlePolicy): boolean {
  return now - state.windowStartedAt >= policy.windowMs;
}

/** The state to count against at `now`: a new window once the old one has passed and no lock holds. */
function inWindow(state: ThrottleState | undefined, now: number, policy: ThrottlePolicy): ThrottleState {
  if (state === undefined) return { failures: 0, pending: 0, windowStartedAt: now, lockedUntil: 0 };
  if (state.lockedUntil > now || !windowPassed(state, now, policy)) return state;
  return { failures: 0, pending: state.pending, windowStartedAt: now, lockedUntil: 0 };
}

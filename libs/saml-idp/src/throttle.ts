/**
 * Login throttling, kept per key (`user:<id>` and `address:<ip>`): after `maxFailures` failed attempts within
 * `windowMs` the key is locked, for `lockMs` doubling with each further failure up to `maxLockMs`. Locking an
 * account for everyone is what attackers want, so locks are short and also kept per address.
 *
 * An attempt counts as failed from the moment it is allowed (`reserveAttempt`) until CIC says otherwise
 * (`settleAttempt`): checking first and counting after the CIC call would let a concurrent burst all pass.
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

/** How many passwords one login form may try before it must be started again from the SP. */
export const LOGIN_FORM_ATTEMPTS = 5;

/** Whether a login attempt for this key may go ahead at `now` (epoch ms). */
export function throttleDecision(state: ThrottleState | undefined, now: number): ThrottleDecision {
  if (state === undefined || state.lockedUntil <= now) return { allowed: true };
  return { allowed: false, waitMs: state.lockedUntil - now };
}

/** Whether an attempt may go ahead, and the key's state with it counted as failed until it is settled. */
export function reserveAttempt(
  state: ThrottleState | undefined,
  now: number,
  policy: ThrottlePolicy,
): { readonly decision: ThrottleDecision; readonly state: ThrottleState | undefined } {
  const decision = throttleDecision(state, now);
  if (!decision.allowed) return { decision, state };
  const current = state === undefined || isForgotten(state, now, policy) ? undefined : state;
  const failures = (current?.failures ?? 0) + 1;
  const over = failures - policy.maxFailures;
  const lockedUntil =
    over < 0 ? 0 : now + Math.min(policy.maxLockMs, policy.lockMs * 2 ** Math.min(over, 30));
  return { decision, state: { failures, windowStartedAt: current?.windowStartedAt ?? now, lockedUntil } };
}

/**
 * The key's state once a reserved attempt has its outcome; `undefined` means there is nothing left to remember.
 * A failure stays counted. A success resets a key whose policy says so, and otherwise, like an attempt CIC could
 * not answer, gives the reserved failure back, with the lock it alone caused.
 */
export function settleAttempt(
  state: ThrottleState | undefined,
  outcome: 'failed' | 'succeeded' | 'unavailable',
  policy: ThrottlePolicy,
): ThrottleState | undefined {
  if (state === undefined || outcome === 'failed') return state;
  if (outcome === 'succeeded' && policy.resetOnSuccess) return undefined;
  const failures = Math.max(0, state.failures - 1);
  if (failures === 0) return undefined;
  return { ...state, failures, lockedUntil: failures < policy.maxFailures ? 0 : state.lockedUntil };
}

/** True once the window has passed and no lock holds: the key's state can be dropped. */
export function isForgotten(state: ThrottleState, now: number, policy: ThrottlePolicy): boolean {
  return state.lockedUntil <= now && now - state.windowStartedAt >= policy.windowMs;
}

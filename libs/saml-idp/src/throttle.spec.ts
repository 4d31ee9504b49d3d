import {
  ADDRESS_THROTTLE,
  isForgotten,
  reserveAttempt,
  settleAttempt,
  throttleDecision,
  USER_THROTTLE,
  type ThrottlePolicy,
  type ThrottleState,
} from './throttle';

/** `times` attempts, each reserved and settled with `outcome`, all at `now`. */
function attempts(
  times: number,
  policy: ThrottlePolicy,
  outcome: 'failed' | 'succeeded' | 'unavailable' = 'failed',
  now = 0,
  from?: ThrottleState,
): ThrottleState | undefined {
  let state = from;
  for (let i = 0; i < times; i++)
    state = settleAttempt(reserveAttempt(state, now, policy).state, outcome, policy);
  return state;
}

describe('login throttling', () => {
  it('allows a key it knows nothing about', () => {
    expect(throttleDecision(undefined, 0)).toEqual({ allowed: true });
  });

  it('allows failures up to the limit, then locks the key', () => {
    expect(throttleDecision(attempts(USER_THROTTLE.maxFailures - 1, USER_THROTTLE), 1)).toEqual({
      allowed: true,
    });
    expect(throttleDecision(attempts(USER_THROTTLE.maxFailures, USER_THROTTLE), 1)).toEqual({
      allowed: false,
      waitMs: USER_THROTTLE.lockMs - 1,
    });
  });

  it('counts an attempt as failed before its outcome, so a concurrent burst stops at the limit', () => {
    let state: ThrottleState | undefined;
    let allowed = 0;
    for (let i = 0; i < 60; i++) {
      const reserved = reserveAttempt(state, 0, USER_THROTTLE);
      state = reserved.state;
      if (reserved.decision.allowed) allowed++;
    }
    expect(allowed).toBe(USER_THROTTLE.maxFailures);
  });

  it('doubles the lock with each further failure, up to the cap', () => {
    const locked = attempts(USER_THROTTLE.maxFailures, USER_THROTTLE);
    const once = attempts(1, USER_THROTTLE, 'failed', USER_THROTTLE.lockMs, locked);
    expect(once?.lockedUntil).toBe(USER_THROTTLE.lockMs + USER_THROTTLE.lockMs * 2);
    expect(
      reserveAttempt({ failures: 40, windowStartedAt: 0, lockedUntil: 0 }, 1, USER_THROTTLE).state
        ?.lockedUntil,
    ).toBe(1 + USER_THROTTLE.maxLockMs);
  });

  it('allows the key again when the lock has run out', () => {
    const state = attempts(USER_THROTTLE.maxFailures, USER_THROTTLE);
    expect(throttleDecision(state, USER_THROTTLE.lockMs)).toEqual({ allowed: true });
  });

  it('forgets a user’s failures after a success; an address keeps its earlier ones', () => {
    const user = attempts(3, USER_THROTTLE);
    expect(attempts(1, USER_THROTTLE, 'succeeded', 10, user)).toBeUndefined();
    const address = attempts(3, ADDRESS_THROTTLE);
    expect(attempts(1, ADDRESS_THROTTLE, 'succeeded', 10, address)).toEqual(address);
  });

  it('gives back the failure, and the lock it alone caused, when the attempt succeeds or CIC cannot answer', () => {
    const almost = attempts(ADDRESS_THROTTLE.maxFailures - 1, ADDRESS_THROTTLE);
    const reserved = reserveAttempt(almost, 10, ADDRESS_THROTTLE).state;
    expect(throttleDecision(reserved, 11).allowed).toBe(false);
    expect(settleAttempt(reserved, 'succeeded', ADDRESS_THROTTLE)).toEqual(almost);
    expect(settleAttempt(reserved, 'unavailable', ADDRESS_THROTTLE)).toEqual(almost);
    expect(attempts(3, USER_THROTTLE, 'unavailable')).toBeUndefined();
  });

  it('starts a new window once the old one has passed', () => {
    const old = attempts(USER_THROTTLE.maxFailures - 1, USER_THROTTLE);
    const later = USER_THROTTLE.windowMs + 1;
    expect(old && isForgotten(old, later, USER_THROTTLE)).toBe(true);
    expect(attempts(1, USER_THROTTLE, 'failed', later, old)).toEqual({
      failures: 1,
      windowStartedAt: later,
      lockedUntil: 0,
    });
  });
});

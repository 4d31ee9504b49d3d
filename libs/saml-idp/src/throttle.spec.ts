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
  for (let i = 0; i < times; i++) {
    const reserved = reserveAttempt(state, now, policy);
    if (!reserved.decision.allowed) throw new Error(`attempt ${i} not allowed`);
    state = settleAttempt(reserved.state, outcome, now, policy);
  }
  return state;
}

/** `times` attempts reserved at `now` and none of them answered yet: how many were allowed, and the state. */
function inFlight(times: number, policy: ThrottlePolicy, now = 0, from?: ThrottleState) {
  let state = from;
  const decisions = [];
  for (let i = 0; i < times; i++) {
    const reserved = reserveAttempt(state, now, policy);
    state = reserved.state;
    decisions.push(reserved.decision);
  }
  return { state, allowed: decisions.filter((d) => d.allowed).length, decisions };
}

describe('login throttling', () => {
  it('allows a key it knows nothing about', () => {
    expect(throttleDecision(undefined, 0, USER_THROTTLE)).toEqual({ allowed: true });
  });

  it('allows failures up to the limit, then locks the key', () => {
    expect(
      throttleDecision(attempts(USER_THROTTLE.maxFailures - 1, USER_THROTTLE), 1, USER_THROTTLE),
    ).toEqual({
      allowed: true,
    });
    expect(throttleDecision(attempts(USER_THROTTLE.maxFailures, USER_THROTTLE), 1, USER_THROTTLE)).toEqual({
      allowed: false,
      reason: 'locked',
      waitMs: USER_THROTTLE.lockMs - 1,
    });
  });

  it('holds a place for an attempt until its outcome, so a concurrent burst stops at the limit', () => {
    const burst = inFlight(60, USER_THROTTLE);
    expect(burst.allowed).toBe(USER_THROTTLE.maxFailures);
    expect(burst.decisions.at(-1)).toEqual({ allowed: false, reason: 'busy' });
  });

  it('locks a key only for failures, never for attempts CIC has not answered yet', () => {
    const burst = inFlight(USER_THROTTLE.maxFailures, USER_THROTTLE);
    expect(burst.state?.lockedUntil).toBe(0);
    const failedOnce = settleAttempt(burst.state, 'failed', 1, USER_THROTTLE);
    expect(throttleDecision(failedOnce, 2, USER_THROTTLE)).toEqual({ allowed: false, reason: 'busy' });
    const answered = settleAttempt(failedOnce, 'unavailable', 3, USER_THROTTLE);
    expect(throttleDecision(answered, 4, USER_THROTTLE)).toEqual({ allowed: true });
  });

  it('gives a place back when its attempt succeeds, so correct passwords for one user all get through', () => {
    let state = inFlight(USER_THROTTLE.maxFailures, USER_THROTTLE).state;
    for (let i = 0; i < 20; i++) {
      const next = reserveAttempt(state, i, USER_THROTTLE);
      expect(next.decision).toEqual({ allowed: false, reason: 'busy' });
      state = reserveAttempt(settleAttempt(state, 'succeeded', i, USER_THROTTLE), i, USER_THROTTLE).state;
    }
    expect(state?.pending).toBe(USER_THROTTLE.maxFailures);
  });

  it('keeps the places of other attempts still waiting for CIC when one succeeds', () => {
    const burst = inFlight(USER_THROTTLE.maxFailures, USER_THROTTLE);
    const oneSucceeded = settleAttempt(burst.state, 'succeeded', 1, USER_THROTTLE);
    expect(oneSucceeded?.pending).toBe(USER_THROTTLE.maxFailures - 1);
    expect(inFlight(3, USER_THROTTLE, 2, oneSucceeded).allowed).toBe(1);
  });

  it('counts the failures of attempts that were in flight together, and locks on the last one', () => {
    let state = inFlight(USER_THROTTLE.maxFailures, USER_THROTTLE).state;
    for (let i = 1; i < USER_THROTTLE.maxFailures; i++)
      state = settleAttempt(state, 'failed', i, USER_THROTTLE);
    expect(state?.lockedUntil).toBe(0);
    state = settleAttempt(state, 'failed', 10, USER_THROTTLE);
    expect(throttleDecision(state, 11, USER_THROTTLE)).toEqual({
      allowed: false,
      reason: 'locked',
      waitMs: USER_THROTTLE.lockMs - 1,
    });
  });

  it('doubles the lock with each further failure, up to the cap', () => {
    const locked = attempts(USER_THROTTLE.maxFailures, USER_THROTTLE);
    const once = attempts(1, USER_THROTTLE, 'failed', USER_THROTTLE.lockMs, locked);
    expect(once?.lockedUntil).toBe(USER_THROTTLE.lockMs + USER_THROTTLE.lockMs * 2);
    const many = { failures: 40, pending: 1, windowStartedAt: 0, lockedUntil: 0 };
    expect(settleAttempt(many, 'failed', 1, USER_THROTTLE)?.lockedUntil).toBe(1 + USER_THROTTLE.maxLockMs);
  });

  it('allows one attempt at a time once the lock has run out', () => {
    const state = attempts(USER_THROTTLE.maxFailures, USER_THROTTLE);
    expect(inFlight(3, USER_THROTTLE, USER_THROTTLE.lockMs, state).allowed).toBe(1);
  });

  it('forgets a user’s failures after a success; an address keeps its earlier ones', () => {
    const user = attempts(3, USER_THROTTLE);
    expect(attempts(1, USER_THROTTLE, 'succeeded', 10, user)).toBeUndefined();
    const address = attempts(3, ADDRESS_THROTTLE);
    expect(attempts(1, ADDRESS_THROTTLE, 'succeeded', 10, address)).toEqual(address);
  });

  it('counts nothing against a key when CIC cannot answer', () => {
    expect(attempts(3, USER_THROTTLE, 'unavailable')).toBeUndefined();
    const almost = attempts(ADDRESS_THROTTLE.maxFailures - 1, ADDRESS_THROTTLE);
    expect(attempts(3, ADDRESS_THROTTLE, 'unavailable', 10, almost)).toEqual(almost);
  });

  it('starts a new window once the old one has passed', () => {
    const old = attempts(USER_THROTTLE.maxFailures - 1, USER_THROTTLE);
    const later = USER_THROTTLE.windowMs + 1;
    expect(old && isForgotten(old, later, USER_THROTTLE)).toBe(true);
    expect(attempts(1, USER_THROTTLE, 'failed', later, old)).toEqual({
      failures: 1,
      pending: 0,
      windowStartedAt: later,
      lockedUntil: 0,
    });
  });

  it('does not forget a key while an attempt on it waits for CIC', () => {
    const waiting = inFlight(1, USER_THROTTLE).state;
    expect(waiting && isForgotten(waiting, USER_THROTTLE.windowMs + 1, USER_THROTTLE)).toBe(false);
  });
});

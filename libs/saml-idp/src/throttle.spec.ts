import {
  ADDRESS_THROTTLE,
  isForgotten,
  nextThrottleState,
  throttleDecision,
  USER_THROTTLE,
  type ThrottlePolicy,
  type ThrottleState,
} from './throttle';

function fail(times: number, policy: ThrottlePolicy, now = 0): ThrottleState | undefined {
  let state: ThrottleState | undefined;
  for (let i = 0; i < times; i++) state = nextThrottleState(state, 'failed', now, policy);
  return state;
}

describe('login throttling', () => {
  it('allows a key it knows nothing about', () => {
    expect(throttleDecision(undefined, 0)).toEqual({ allowed: true });
  });

  it('allows failures up to the limit, then locks the key', () => {
    expect(throttleDecision(fail(USER_THROTTLE.maxFailures - 1, USER_THROTTLE), 1)).toEqual({
      allowed: true,
    });
    expect(throttleDecision(fail(USER_THROTTLE.maxFailures, USER_THROTTLE), 1)).toEqual({
      allowed: false,
      waitMs: USER_THROTTLE.lockMs - 1,
    });
  });

  it('doubles the lock with each further failure, up to the cap', () => {
    const once = fail(USER_THROTTLE.maxFailures + 1, USER_THROTTLE);
    expect(once?.lockedUntil).toBe(USER_THROTTLE.lockMs * 2);
    const many = fail(USER_THROTTLE.maxFailures + 40, USER_THROTTLE);
    expect(many?.lockedUntil).toBe(USER_THROTTLE.maxLockMs);
  });

  it('allows the key again when the lock has run out', () => {
    const state = fail(USER_THROTTLE.maxFailures, USER_THROTTLE);
    expect(throttleDecision(state, USER_THROTTLE.lockMs)).toEqual({ allowed: true });
  });

  it('forgets a user’s failures after a success, but not an address’s', () => {
    const user = fail(3, USER_THROTTLE);
    expect(nextThrottleState(user, 'succeeded', 10, USER_THROTTLE)).toBeUndefined();
    const address = fail(3, ADDRESS_THROTTLE);
    expect(nextThrottleState(address, 'succeeded', 10, ADDRESS_THROTTLE)).toEqual(address);
  });

  it('starts a new window once the old one has passed', () => {
    const old = fail(USER_THROTTLE.maxFailures - 1, USER_THROTTLE);
    const later = USER_THROTTLE.windowMs + 1;
    expect(old && isForgotten(old, later, USER_THROTTLE)).toBe(true);
    expect(nextThrottleState(old, 'failed', later, USER_THROTTLE)).toEqual({
      failures: 1,
      windowStartedAt: later,
      lockedUntil: 0,
    });
  });
});

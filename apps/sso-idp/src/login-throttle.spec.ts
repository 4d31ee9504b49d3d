import { ADDRESS_THROTTLE, USER_THROTTLE } from '@bridge/saml-idp';
import { LoginThrottle } from './login-throttle';

const clock = () => Date.now();

/** `count` attempts for `userId` from `address`, all allowed and none settled yet. */
async function holdPlaces(throttle: LoginThrottle, count: number, userId: string, address: string) {
  for (let i = 0; i < count; i++)
    expect(await throttle.reserve(userId, address, clock)).toEqual({ allowed: true });
}

describe('LoginThrottle', () => {
  it('lets an attempt wait while others for the same user hold the places, and go ahead once one succeeds', async () => {
    const throttle = new LoginThrottle(10_000);
    await holdPlaces(throttle, USER_THROTTLE.maxFailures, 'anna', '10.0.0.1');
    let decided = false;
    const waiting = throttle.reserve('Anna', '10.0.0.2', clock).finally(() => (decided = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(decided).toBe(false);
    throttle.settle('anna', '10.0.0.1', 'succeeded', clock());
    expect(await waiting).toEqual({ allowed: true });
  });

  it('refuses a waiting attempt with the lock once the attempts ahead of it failed', async () => {
    const throttle = new LoginThrottle(10_000);
    await holdPlaces(throttle, USER_THROTTLE.maxFailures, 'anna', '10.0.0.1');
    const waiting = throttle.reserve('anna', '10.0.0.2', clock);
    for (let i = 0; i < USER_THROTTLE.maxFailures; i++)
      throttle.settle('anna', '10.0.0.1', 'failed', clock());
    expect(await waiting).toMatchObject({ allowed: false, reason: 'locked', by: 'user' });
  });

  it('refuses a waiting attempt as busy when the attempts ahead of it get no answer in time', async () => {
    const throttle = new LoginThrottle(50);
    for (let i = 0; i < ADDRESS_THROTTLE.maxFailures; i++)
      await holdPlaces(throttle, 1, `user.${i}`, '10.0.0.1');
    const started = Date.now();
    expect(await throttle.reserve(undefined, '10.0.0.1', clock)).toEqual({
      allowed: false,
      reason: 'busy',
      by: 'address',
    });
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
  });

  it('names the longer lock when both the user and the address are locked', async () => {
    const throttle = new LoginThrottle(10_000);
    // Each user fails until locked, from one address, until the address is locked too (for longer).
    const users = ADDRESS_THROTTLE.maxFailures / USER_THROTTLE.maxFailures;
    for (let i = 0; i < ADDRESS_THROTTLE.maxFailures; i++) {
      await holdPlaces(throttle, 1, `user.${i % users}`, '10.0.0.1');
      throttle.settle(`user.${i % users}`, '10.0.0.1', 'failed', clock());
    }
    expect(await throttle.reserve('user.0', '10.0.0.1', clock)).toMatchObject({
      allowed: false,
      reason: 'locked',
      by: 'address',
    });
  });
});

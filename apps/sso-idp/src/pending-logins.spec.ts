import { LOGIN_FORM_ATTEMPTS, TABLE_CAPACITY } from '@bridge/saml-idp';
import { PendingLogins } from './pending-logins';

describe('PendingLogins', () => {
  it('holds no more than its capacity however many logins are started, forgetting the oldest', () => {
    const pending = new PendingLogins();
    const first = pending.create('_first', undefined, 0);
    for (let i = 0; i < TABLE_CAPACITY.pendingLogins + 20_000; i++) pending.create(`_${i}`, undefined, 1);
    expect(pending.size).toBe(TABLE_CAPACITY.pendingLogins);
    expect(pending.find(first.id, first.csrfToken, first.csrfToken, 2)).toBeUndefined();
  });

  it('allows a login a few password attempts, then forgets it', () => {
    const pending = new PendingLogins();
    const login = pending.create('_r', undefined, 0);
    for (let i = 0; i < LOGIN_FORM_ATTEMPTS; i++) expect(pending.useAttempt(login.id)).toBe(true);
    expect(pending.useAttempt(login.id)).toBe(false);
    expect(pending.find(login.id, login.csrfToken, login.csrfToken, 1)).toBeUndefined();
  });

  it('finds a login only with both CSRF copies, and not after it expired', () => {
    const pending = new PendingLogins(1000);
    const login = pending.create('_r', 'relay', 0);
    expect(pending.find(login.id, login.csrfToken, login.csrfToken, 999)).toEqual(login);
    expect(pending.find(login.id, login.csrfToken, undefined, 999)).toBeUndefined();
    expect(pending.find(login.id, login.csrfToken, login.csrfToken, 1000)).toBeUndefined();
  });
});

import { CappedMap, LOGIN_FORM_ATTEMPTS, TABLE_CAPACITY } from '@bridge/saml-idp';
import { randomBytes, timingSafeEqual } from 'node:crypto';

/** An SP-initiated login waiting for the user's CIC credentials. */
export interface PendingLogin {
  readonly id: string;
  /** Double-submit CSRF token: in the form and in a cookie, and remembered here. */
  readonly csrfToken: string;
  readonly requestId: string;
  readonly relayState?: string;
  readonly expiresAt: number;
}

const token = () => randomBytes(24).toString('base64url');

/**
 * Pending logins live in memory: one IdP instance answers a login from start to finish (run several behind
 * sticky sessions). They expire, so abandoned logins do not pile up, and past the table's capacity the oldest is
 * forgotten, so minted AuthnRequests cannot pile them up either. Each allows a few password attempts; after
 * that the user starts again from the SP, which gives the throttles a fresh AuthnRequest to count against.
 */
export class PendingLogins {
  private readonly logins: CappedMap<string, { login: PendingLogin; attempts: number }>;

  constructor(
    private readonly ttlMs = 10 * 60_000,
    capacity: number = TABLE_CAPACITY.pendingLogins,
  ) {
    this.logins = new CappedMap(capacity);
  }

  create(requestId: string, relayState: string | undefined, now: number): PendingLogin {
    this.forgetExpired(now);
    const login: PendingLogin = {
      id: token(),
      csrfToken: token(),
      requestId,
      ...(relayState === undefined ? {} : { relayState }),
      expiresAt: now + this.ttlMs,
    };
    this.logins.set(login.id, { login, attempts: 0 });
    return login;
  }

  /** The login, when it exists, has not expired, and both CSRF copies match its token. */
  find(id: string, formCsrf: string, cookieCsrf: string | undefined, now: number): PendingLogin | undefined {
    const entry = this.logins.get(id);
    if (!entry || entry.login.expiresAt <= now) return undefined;
    return sameSecret(entry.login.csrfToken, formCsrf) && sameSecret(entry.login.csrfToken, cookieCsrf ?? '')
      ? entry.login
      : undefined;
  }

  /** Counts a password attempt on the login; false, and the login is gone, once it has had its share. */
  useAttempt(id: string): boolean {
    const entry = this.logins.get(id);
    if (!entry || entry.attempts >= LOGIN_FORM_ATTEMPTS) {
      this.logins.delete(id);
      return false;
    }
    entry.attempts++;
    return true;
  }

  /** A login is answered once. */
  finish(id: string): void {
    this.logins.delete(id);
  }

  get size(): number {
    return this.logins.size;
  }

  // Every login lives for the same ttl and is set once, so the table is in expiry order.
  private forgetExpired(now: number): void {
    for (const [id, { login }] of this.logins) {
      if (login.expiresAt > now) return;
      this.logins.delete(id);
    }
  }
}

function sameSecret(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

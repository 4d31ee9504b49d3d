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
 * sticky sessions). They expire, so abandoned logins do not pile up.
 */
export class PendingLogins {
  private readonly logins = new Map<string, PendingLogin>();

  constructor(private readonly ttlMs = 10 * 60_000) {}

  create(requestId: string, relayState: string | undefined, now: number): PendingLogin {
    this.forgetExpired(now);
    const login: PendingLogin = {
      id: token(),
      csrfToken: token(),
      requestId,
      ...(relayState === undefined ? {} : { relayState }),
      expiresAt: now + this.ttlMs,
    };
    this.logins.set(login.id, login);
    return login;
  }

  /** The login, when it exists, has not expired, and both CSRF copies match its token. */
  find(id: string, formCsrf: string, cookieCsrf: string | undefined, now: number): PendingLogin | undefined {
    const login = this.logins.get(id);
    if (!login || login.expiresAt <= now) return undefined;
    return sameSecret(login.csrfToken, formCsrf) && sameSecret(login.csrfToken, cookieCsrf ?? '')
      ? login
      : undefined;
  }

  /** A login is answered once. */
  finish(id: string): void {
    this.logins.delete(id);
  }

  private forgetExpired(now: number): void {
    for (const [id, login] of this.logins) if (login.expiresAt <= now) this.logins.delete(id);
  }
}

function sameSecret(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

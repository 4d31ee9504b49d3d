import { randomBytes } from 'node:crypto';
import {
  ACCOUNT_RULE,
  ADDRESS_RULE,
  accountNamed,
  attemptAllowed,
  recentFailures,
  sessionState,
  withFailure,
  type FailureTimes,
  type OperatorAccount,
  type OperatorOrigin,
  type SessionLimits,
  type ThrottleRule,
} from '@bridge/console-access';
import type { Sessions } from '../persistence/sessions';
import type { CicAdminCheck } from './cic-admin-check';
import { passwordMatches } from './password-check';

/** The operator a valid session belongs to, with its CSRF token. */
export interface Operator {
  readonly name: string;
  readonly origin: OperatorOrigin;
  readonly csrfToken: string;
}

export type SignInResult =
  | { readonly ok: true; readonly sessionId: string; readonly operator: Operator }
  | {
      readonly ok: false;
      /** Shown to the person signing in: never which of name or password was wrong. */
      readonly message: string;
      /** For the audit line only. */
      readonly why: 'throttled' | 'wrongCredentials' | 'notAdministrator' | 'cicUnavailable';
    };

export interface SignInOptions {
  readonly accounts: readonly OperatorAccount[];
  /** undefined: CIC sign-in is off. */
  readonly cic: CicAdminCheck | undefined;
  readonly limits: SessionLimits;
  readonly now?: () => number;
}

/** Longest user name and password accepted: anything longer is not a credential. */
export const CREDENTIAL_LIMIT = 256;
/** The most keys the throttle remembers: a flood of made-up names cannot grow it without bound. */
const THROTTLE_KEYS = 10_000;

const WRONG = 'The user name or password is wrong, or the user may not administer the bridge.';

/** A burnt password check for unknown names, so an answer's timing does not tell which names exist. */
const decoy: OperatorAccount['password'] = {
  cost: 2 ** 15,
  blockSize: 8,
  parallelization: 1,
  salt: new Uint8Array(16),
  hash: new Uint8Array(32),
};

/**
 * Signs operators in and finds their sessions: a local account's scrypt hash, or a CIC user who is a Master
 * Administrator (asked through ICWS); failures throttled per name and per client address.
 */
export class SignIn {
  private readonly failures = new Map<string, FailureTimes>();
  private readonly now: () => number;

  constructor(
    private readonly sessions: Sessions,
    private readonly options: SignInOptions,
  ) {
    this.now = options.now ?? Date.now;
  }

  async signIn(name: string, password: string, address: string): Promise<SignInResult> {
    const now = this.now();
    const nameKey = `name:${name.trim().toLowerCase()}`;
    const addressKey = `address:${address}`;
    const wait = Math.max(
      this.waitMs(nameKey, now, ACCOUNT_RULE),
      this.waitMs(addressKey, now, ADDRESS_RULE),
    );
    if (wait > 0)
      return {
        ok: false,
        why: 'throttled',
        message: `Too many failed sign-ins. Try again in ${Math.ceil(wait / 60_000)} minute(s).`,
      };
    const checked = await this.check(name.trim(), password);
    if (checked.kind !== 'operator') {
      if (checked.kind !== 'cicUnavailable') {
        this.fail(nameKey, now, ACCOUNT_RULE);
        this.fail(addressKey, now, ADDRESS_RULE);
      }
      return checked.kind === 'cicUnavailable'
        ? {
            ok: false,
            why: 'cicUnavailable',
            message: 'CIC did not answer; try again, or use a local account.',
          }
        : { ok: false, why: checked.kind, message: WRONG };
    }
    this.failures.delete(nameKey);
    const sessionId = randomBytes(32).toString('base64url');
    const operator = {
      name: checked.name,
      origin: checked.origin,
      csrfToken: randomBytes(32).toString('base64url'),
    };
    await this.sessions.create(sessionId, {
      operator: operator.name,
      origin: operator.origin,
      csrfToken: operator.csrfToken,
      createdAt: now,
    });
    return { ok: true, sessionId, operator };
  }

  /** The operator of a valid session; an expired one is deleted. */
  async operatorOf(sessionId: string): Promise<Operator | undefined> {
    const session = await this.sessions.find(sessionId);
    if (!session) return undefined;
    const now = this.now();
    const state = sessionState(session, now, this.options.limits);
    if (state === 'expired') {
      await this.sessions.delete(sessionId);
      return undefined;
    }
    if (state === 'touch') await this.sessions.touch(sessionId, now);
    return { name: session.operator, origin: session.origin, csrfToken: session.csrfToken };
  }

  async signOut(sessionId: string): Promise<void> {
    await this.sessions.delete(sessionId);
  }

  private async check(
    name: string,
    password: string,
  ): Promise<
    | { kind: 'operator'; name: string; origin: OperatorOrigin }
    | { kind: 'wrongCredentials' | 'notAdministrator' | 'cicUnavailable' }
  > {
    const account = accountNamed(this.options.accounts, name);
    if (account) {
      return (await passwordMatches(password, account.password))
        ? { kind: 'operator', name: account.name, origin: 'local' }
        : { kind: 'wrongCredentials' };
    }
    if (!this.options.cic) {
      await passwordMatches(password, decoy);
      return { kind: 'wrongCredentials' };
    }
    const answer = await this.options.cic.check(name, password);
    switch (answer.kind) {
      case 'administrator':
        return { kind: 'operator', name: answer.userId, origin: 'cic' };
      case 'notAdministrator':
        return { kind: 'notAdministrator' };
      case 'rejected':
        return { kind: 'wrongCredentials' };
      case 'unavailable':
        return { kind: 'cicUnavailable' };
    }
  }

  private waitMs(key: string, now: number, rule: ThrottleRule): number {
    const decision = attemptAllowed(this.failures.get(key) ?? [], now, rule);
    return decision.allowed ? 0 : decision.waitMs;
  }

  private fail(key: string, now: number, rule: ThrottleRule): void {
    if (this.failures.size >= THROTTLE_KEYS) this.forgetOld(now);
    this.failures.set(key, withFailure(this.failures.get(key) ?? [], now, rule));
  }

  /** Drops keys whose failures have all left their window (then, if still full, the oldest keys). */
  private forgetOld(now: number): void {
    for (const [key, times] of this.failures)
      if (recentFailures(times, now, ADDRESS_RULE).length === 0) this.failures.delete(key);
    for (const key of this.failures.keys()) {
      if (this.failures.size < THROTTLE_KEYS) break;
      this.failures.delete(key);
    }
  }
}

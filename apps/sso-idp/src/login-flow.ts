import {
  buildAssertionInput,
  checkAuthnRequest,
  checkLaunchTarget,
  checkRelayState,
  noPassiveResponse,
  REQUEST_LIMITS,
  RequestIdLedger,
  type AssertionDecision,
  type CicIdentity,
  type LoginStart,
  type ServiceProvider,
} from '@bridge/saml-idp';
import type { Logger } from '@bridge/telemetry';
import { randomUUID } from 'node:crypto';
import type { CicCredentials, CicDirectory, CicSignIn } from './cic-directory';
import { AUTHN_CONTEXT, type AuthnRequestBinding, type IdentityProvider } from './identity-provider';
import type { AttemptOutcome, LoginThrottle, LoginThrottleDecision } from './login-throttle';
import type { PendingLogin, PendingLogins } from './pending-logins';

/** What the browser is shown next; the HTTP layer renders it. */
export type SsoPage =
  | {
      readonly kind: 'loginForm';
      readonly status: number;
      readonly login: PendingLogin;
      readonly userId?: string;
      readonly error?: string;
    }
  | {
      readonly kind: 'autoPost';
      readonly acsUrl: string;
      readonly samlResponse: string;
      readonly relayState?: string;
    }
  | { readonly kind: 'error'; readonly status: number; readonly title: string; readonly message: string };

const error = (status: number, title: string, message: string): SsoPage => ({
  kind: 'error',
  status,
  title,
  message,
});

/**
 * What a throttled attempt is told: a lock, with how long it lasts and whether the user or the address caused it
 * (failures counted against any user id typed, so naming the user's lock reveals nothing about the account), or
 * that CIC has not answered the attempts ahead of it in time.
 */
function throttledPage(refusal: Exclude<LoginThrottleDecision, { allowed: true }>): {
  status: number;
  error: string;
} {
  const whose = refusal.by === 'user' ? 'for this CIC user' : 'from your network address';
  if (refusal.reason === 'busy')
    return {
      status: 503,
      error: `CIC has not yet answered earlier sign-ins ${whose}. Try again shortly.`,
    };
  return {
    status: 429,
    error: `Too many failed sign-ins ${whose}. Try again in ${Math.ceil(refusal.waitMs / 1000)} s.`,
  };
}

const newId = () => `_${randomUUID().replace(/-/g, '')}`;

export interface LoginFlowDeps {
  readonly idp: IdentityProvider;
  readonly sp: ServiceProvider;
  readonly cic: CicDirectory;
  readonly pending: PendingLogins;
  readonly throttle: LoginThrottle;
  readonly requestIds: RequestIdLedger;
  readonly logger: Logger;
  readonly now?: () => Date;
}

/**
 * The IdP's login flows: SP-initiated (AuthnRequest → login form → CIC credentials → Response) and
 * IdP-initiated (one-time CIC auth token → unsolicited Response). The saml-idp rules decide; this class does the
 * I/O in between. Logs name the CIC user and address, never a password, token or assertion.
 */
export class LoginFlow {
  constructor(private readonly deps: LoginFlowDeps) {}

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }

  async start(
    binding: AuthnRequestBinding,
    samlRequest: string | undefined,
    relayState: string | undefined,
  ): Promise<SsoPage> {
    const now = this.now();
    const relay = checkRelayState(relayState);
    if (!relay.ok) {
      this.deps.logger.info({ binding, reason: relay.reason }, 'AuthnRequest refused');
      return error(400, 'Invalid sign-in request', 'The sign-in request from Genesys Cloud is too large.');
    }
    let facts;
    try {
      facts = await this.deps.idp.parseAuthnRequest(binding, samlRequest);
    } catch (err) {
      this.deps.logger.info({ binding, err: String(err) }, 'unreadable AuthnRequest');
      return error(
        400,
        'Invalid sign-in request',
        'The sign-in request from Genesys Cloud could not be read.',
      );
    }
    const check = checkAuthnRequest(facts, { sp: this.deps.sp, ssoUrl: this.deps.idp.ssoUrl }, now);
    if (!check.ok) {
      this.deps.logger.info({ reason: check.reason, issuer: facts.issuer }, 'AuthnRequest refused');
      return error(403, 'Sign-in request refused', `The sign-in request was refused (${check.reason}).`);
    }
    if (!this.deps.requestIds.admit(check.requestId, now.getTime())) {
      this.deps.logger.warn({ requestId: check.requestId }, 'replayed AuthnRequest refused');
      return error(
        400,
        'Sign-in request already used',
        'This sign-in request was already used. Start again from the Genesys Cloud login page.',
      );
    }
    if (check.passive) {
      const answer = noPassiveResponse(
        { requestId: check.requestId, ...(relayState === undefined ? {} : { relayState }) },
        this.deps.sp,
        now,
        newId(),
      );
      this.deps.logger.info({ requestId: check.requestId }, 'passive AuthnRequest answered NoPassive');
      return {
        kind: 'autoPost',
        acsUrl: answer.destination,
        samlResponse: await this.deps.idp.signStatusResponse(answer),
        ...(answer.relayState === undefined ? {} : { relayState: answer.relayState }),
      };
    }
    const login = this.deps.pending.create(check.requestId, relayState, now.getTime());
    return { kind: 'loginForm', status: 200, login };
  }

  async submit(
    form: { login: string; csrf: string; userId: string; password: string },
    csrfCookie: string | undefined,
    address: string,
  ): Promise<SsoPage> {
    const now = this.now();
    const login = this.deps.pending.find(form.login, form.csrf, csrfCookie, now.getTime());
    if (!login) {
      this.deps.logger.info({ address }, 'login form refused: unknown, expired or forged');
      return error(
        403,
        'Sign-in expired',
        'This sign-in page has expired or was not opened here. Start again from the Genesys Cloud login page.',
      );
    }
    const userId = form.userId.trim();
    if (userId.length > REQUEST_LIMITS.userIdChars)
      return { kind: 'loginForm', status: 400, login, error: 'The CIC user id is too long.' };
    if (!this.deps.pending.useAttempt(login.id)) {
      this.deps.logger.warn({ userId, address }, 'login form out of attempts');
      return error(
        429,
        'Too many attempts',
        'Too many attempts on this sign-in page. Start again from the Genesys Cloud login page.',
      );
    }
    const throttled = await this.deps.throttle.reserve(userId, address, () => this.now().getTime());
    if (!throttled.allowed) {
      this.deps.logger.warn(
        { userId, address, reason: throttled.reason, by: throttled.by },
        'login throttled',
      );
      return { kind: 'loginForm', ...throttledPage(throttled), login, userId };
    }
    const result = await this.signIn({ userId, password: form.password });
    const settle = (outcome: AttemptOutcome) =>
      this.deps.throttle.settle(userId, address, outcome, this.now().getTime());
    switch (result.kind) {
      case 'unavailable':
        settle('unavailable');
        this.deps.logger.error({ detail: result.detail }, 'CIC unavailable for login');
        return {
          kind: 'loginForm',
          status: 503,
          login,
          userId,
          error: 'CIC cannot be reached. Try again shortly.',
        };
      case 'rejected':
        settle('failed');
        this.deps.logger.info({ userId, address }, 'CIC refused the credentials');
        return {
          kind: 'loginForm',
          status: 401,
          login,
          userId,
          error: 'The CIC user id or password is wrong.',
        };
      case 'signedIn':
        settle('succeeded');
        this.deps.pending.finish(login.id);
        return this.respond(result.identity, AUTHN_CONTEXT.password, {
          kind: 'spInitiated',
          requestId: login.requestId,
          ...(login.relayState === undefined ? {} : { relayState: login.relayState }),
        });
    }
  }

  /** IdP-initiated, as the CIC client's Inbox icon and Collaborate button start it. */
  async launch(query: { token?: string; seed?: string; target?: string }, address: string): Promise<SsoPage> {
    const target = checkLaunchTarget(query.target, this.deps.sp);
    if (!target.ok)
      return error(400, 'Invalid launch target', 'The launch target is not a Genesys Cloud page.');
    if (!query.token) return error(400, 'Missing token', 'Open Genesys Cloud from the CIC client.');
    const throttled = await this.deps.throttle.reserve(undefined, address, () => this.now().getTime());
    if (!throttled.allowed) {
      this.deps.logger.warn({ address, reason: throttled.reason, by: throttled.by }, 'launch throttled');
      const page = throttledPage(throttled);
      return error(page.status, 'Sign-in refused for now', page.error);
    }
    const result = await this.signIn({
      authToken: query.token,
      ...(query.seed ? { authTokenSeed: query.seed } : {}),
    });
    const settle = (outcome: AttemptOutcome) =>
      this.deps.throttle.settle(undefined, address, outcome, this.now().getTime());
    switch (result.kind) {
      case 'unavailable':
        settle('unavailable');
        this.deps.logger.error({ detail: result.detail }, 'CIC unavailable for launch');
        return error(503, 'CIC unavailable', 'CIC cannot be reached. Try again shortly.');
      case 'rejected':
        settle('failed');
        this.deps.logger.info({ address }, 'CIC refused the launch token');
        return error(
          401,
          'Launch link expired',
          'This link was already used or has expired. Open Genesys Cloud again from the CIC client.',
        );
      case 'signedIn':
        settle('succeeded');
        return this.respond(result.identity, AUTHN_CONTEXT.cicSession, {
          kind: 'idpInitiated',
          ...(target.target === undefined ? {} : { target: target.target }),
        });
    }
  }

  /** The directory's answer, a throw included: an attempt that holds a throttle place must always be settled. */
  private signIn(credentials: CicCredentials): Promise<CicSignIn> {
    return this.deps.cic
      .signIn(credentials)
      .catch((err: unknown): CicSignIn => ({ kind: 'unavailable', detail: String(err) }));
  }

  private async respond(identity: CicIdentity, authnContext: string, start: LoginStart): Promise<SsoPage> {
    const decision: AssertionDecision = buildAssertionInput(
      identity,
      this.deps.sp,
      this.now(),
      { responseId: newId(), assertionId: newId() },
      start,
    );
    if (!decision.ok) {
      this.deps.logger.info({ userId: identity.userId, reason: decision.reason }, 'no assertion for user');
      return error(
        403,
        'No Genesys Cloud account for this CIC user',
        decision.reason === 'noBusinessEmail'
          ? `CIC user ${identity.userId} has no business email, so the bridge does not sync this user to Genesys Cloud. Ask your CIC administrator to set a business email in Interaction Administrator.`
          : `The business email of CIC user ${identity.userId} is not a valid address, so the bridge does not sync this user to Genesys Cloud. Ask your CIC administrator to correct it.`,
      );
    }
    const samlResponse = await this.deps.idp.signResponse(decision.assertion, authnContext);
    this.deps.logger.info(
      { userId: identity.userId, kind: start.kind, assertionId: decision.assertion.assertionId },
      'assertion issued',
    );
    return {
      kind: 'autoPost',
      acsUrl: decision.assertion.destination,
      samlResponse,
      ...(decision.assertion.relayState === undefined ? {} : { relayState: decision.assertion.relayState }),
    };
  }
}

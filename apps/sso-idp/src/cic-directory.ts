import type { CicIdentity } from '@bridge/saml-idp';

export type CicCredentials =
  | { readonly userId: string; readonly password: string }
  | { readonly authToken: string; readonly authTokenSeed?: string };

/** `rejected`: CIC refused the credentials (wrong password, unknown user, used or expired token). */
export type CicSignIn =
  | { readonly kind: 'signedIn'; readonly identity: CicIdentity }
  | { readonly kind: 'rejected' }
  | { readonly kind: 'unavailable'; readonly detail: string };

/** The port the login flow uses to prove a user's CIC credentials and learn their business email. */
export interface CicDirectory {
  signIn(credentials: CicCredentials): Promise<CicSignIn>;
}

export const CIC_DIRECTORY = Symbol('CIC_DIRECTORY');

const APPLICATION = 'Cloud Bridge SSO';
const CONNECTION_TYPE = {
  password: 'urn:inin.com:connection:icAuthConnectionRequestSettings',
  token: 'urn:inin.com:connection:authTokenConnectionRequestSettings',
};

interface Session {
  readonly server: string;
  readonly sessionId: string;
  readonly csrfToken: string;
  readonly cookie: string;
  readonly userId: string;
}

/**
 * Authenticates by opening an ICWS connection as the user (pureconnect-icws.md §3.1), reads the user's own
 * business and mailbox emails, and logs off. The servers of a switchover pair are tried in order: a `503` or no
 * answer moves on to the next one.
 */
export class IcwsDirectory implements CicDirectory {
  constructor(
    private readonly servers: readonly string[],
    private readonly timeoutMs = 5_000,
  ) {}

  async signIn(credentials: CicCredentials): Promise<CicSignIn> {
    let detail = 'no CIC server configured';
    for (const server of this.servers) {
      const connected = await this.connect(server.replace(/\/+$/, ''), credentials);
      if (connected.kind === 'session') {
        try {
          return await this.readIdentity(connected.session);
        } finally {
          await this.logOff(connected.session);
        }
      }
      if (connected.kind === 'rejected') return connected;
      detail = connected.detail;
    }
    return { kind: 'unavailable', detail };
  }

  private async connect(
    server: string,
    credentials: CicCredentials,
  ): Promise<
    { kind: 'session'; session: Session } | { kind: 'rejected' } | { kind: 'unavailable'; detail: string }
  > {
    const body =
      'password' in credentials
        ? {
            __type: CONNECTION_TYPE.password,
            applicationName: APPLICATION,
            userID: credentials.userId,
            password: credentials.password,
          }
        : {
            __type: CONNECTION_TYPE.token,
            applicationName: APPLICATION,
            authToken: credentials.authToken,
            ...(credentials.authTokenSeed ? { authTokenSeed: credentials.authTokenSeed } : {}),
          };
    let response: Response;
    try {
      response = await fetch(`${server}/icws/connection`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'accept-language': 'en-us' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      return {
        kind: 'unavailable',
        detail: `${server}: ${error instanceof Error ? error.message : 'no answer'}`,
      };
    }
    if (response.status === 400 || response.status === 401 || response.status === 403) {
      await response.body?.cancel();
      return { kind: 'rejected' };
    }
    if (!response.ok) {
      await response.body?.cancel();
      return { kind: 'unavailable', detail: `${server}: HTTP ${response.status}` };
    }
    const answer = (await response.json()) as { sessionId?: string; csrfToken?: string; userID?: string };
    const sessionId = answer.sessionId ?? response.headers.get('ININ-ICWS-Session-ID') ?? '';
    const csrfToken = answer.csrfToken ?? response.headers.get('ININ-ICWS-CSRF-Token') ?? '';
    const cookie = response.headers
      .getSetCookie()
      .map((line) => line.split(';')[0])
      .join('; ');
    return {
      kind: 'session',
      session: {
        server,
        sessionId,
        csrfToken,
        cookie,
        userId: answer.userID ?? ('userId' in credentials ? credentials.userId : ''),
      },
    };
  }

  private headers(session: Session): Record<string, string> {
    return {
      'accept-language': 'en-us',
      'ININ-ICWS-CSRF-Token': session.csrfToken,
      cookie: session.cookie,
    };
  }

  private async readIdentity(session: Session): Promise<CicSignIn> {
    const path = `/icws/${encodeURIComponent(session.sessionId)}/configuration/users/${encodeURIComponent(session.userId)}`;
    const response = await fetch(
      `${session.server}${path}?select=personalInformationProperties.emailAddress,mailboxProperties.emailAddress`,
      { headers: this.headers(session), signal: AbortSignal.timeout(this.timeoutMs) },
    );
    if (!response.ok) {
      await response.body?.cancel();
      return { kind: 'unavailable', detail: `reading the user's configuration: HTTP ${response.status}` };
    }
    const user = (await response.json()) as {
      personalInformationProperties?: { emailAddress?: string };
      mailboxProperties?: { emailAddress?: string };
    };
    return {
      kind: 'signedIn',
      identity: {
        userId: session.userId,
        businessEmail: user.personalInformationProperties?.emailAddress ?? null,
        mailboxEmail: user.mailboxProperties?.emailAddress ?? null,
      },
    };
  }

  /** Best effort: a session left open expires on the CIC server by itself. */
  private async logOff(session: Session): Promise<void> {
    try {
      const response = await fetch(
        `${session.server}/icws/${encodeURIComponent(session.sessionId)}/connection`,
        {
          method: 'DELETE',
          headers: this.headers(session),
          signal: AbortSignal.timeout(this.timeoutMs),
        },
      );
      await response.body?.cancel();
    } catch {
      // Nothing to do: the login already has its answer.
    }
  }
}

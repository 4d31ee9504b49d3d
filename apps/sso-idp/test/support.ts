import { capturedLogger, freePort } from '@bridge/testing';
import type { ServiceProvider } from '@bridge/saml-idp';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { randomUUID } from 'node:crypto';
import { deflateRawSync } from 'node:zlib';
import { AppModule } from '../src/app.module';
import type { CicCredentials, CicDirectory, CicSignIn } from '../src/cic-directory';
import { generateSelfSignedPair } from '../src/signing-keys';
import type { SsoSettings } from '../src/sso-settings';

// The IdP in-process against an in-memory CIC, as the integration suites run it.

export const ACS_URL = 'http://gc.test/saml';
export const sp: ServiceProvider = { entityId: 'genesys.cloud.acme', acsUrl: ACS_URL, orgName: 'acme' };
export const keys = {
  ...generateSelfSignedPair('idp.test', new Date()),
  nextCertificate: generateSelfSignedPair('idp.test', new Date()).certificate,
};

/** A CIC with a few users and one-time tokens, standing in for ICWS (the e2e suite uses the real simulator). */
export class FakeCic implements CicDirectory {
  readonly users = new Map([
    ['anna.oberg', { password: 'secret-pw-1', email: 'anna@example.com' }],
    ['no.mail', { password: 'secret-pw-2', email: undefined }],
    ['locked.out', { password: 'secret-pw-3', email: 'locked@example.com' }],
  ]);
  readonly tokens = new Map<string, string>();
  /** Every sign-in that reached this CIC. */
  calls = 0;

  constructor(private readonly latencyMs = 0) {}

  async signIn(credentials: CicCredentials): Promise<CicSignIn> {
    this.calls++;
    if (this.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, this.latencyMs));
    if ('authToken' in credentials) {
      const userId = this.tokens.get(credentials.authToken);
      this.tokens.delete(credentials.authToken);
      const user = userId === undefined ? undefined : this.users.get(userId);
      return user && userId
        ? { kind: 'signedIn', identity: { userId, businessEmail: user.email ?? null } }
        : { kind: 'rejected' };
    }
    const user = this.users.get(credentials.userId.toLowerCase());
    if (!user || user.password !== credentials.password) return { kind: 'rejected' };
    return { kind: 'signedIn', identity: { userId: credentials.userId, businessEmail: user.email ?? null } };
  }
}

export interface IdpUnderTest {
  readonly url: string;
  readonly cic: FakeCic;
  /** Everything the IdP logged so far. */
  logs(): string;
  close(): Promise<void>;
}

/** Starts the IdP on a free port; `settings` overrides the test defaults (base URL = where it listens). */
export async function startIdp(
  options: { settings?: Partial<SsoSettings>; cic?: FakeCic } = {},
): Promise<IdpUnderTest> {
  const { logger, output: logs } = capturedLogger();
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const cic = options.cic ?? new FakeCic();
  const app: INestApplication = await NestFactory.create(
    AppModule.withPorts({
      settings: {
        baseUrl: url,
        entityId: `${url}/saml/metadata`,
        sp,
        keys,
        secureCookies: false,
        trustProxy: false,
        ...options.settings,
      },
      cic,
      logger,
    }),
    { logger: false },
  );
  await app.listen(port, '127.0.0.1');
  return { url, cic, logs, close: () => app.close() };
}

export const field = (html: string, name: string) =>
  new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1]?.replace(/&amp;/g, '&');

export const xmlOf = (samlResponse: string) => Buffer.from(samlResponse, 'base64').toString('utf8');

const cookiesOf = (response: Response) =>
  response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');

export interface LoginForm {
  login: string;
  csrf: string;
  cookie: string;
}

/** The login form an AuthnRequest opened: from a Redirect-binding URL, or the answer to a POST. */
export async function openLoginForm(urlOrResponse: string | Response): Promise<LoginForm> {
  const response =
    typeof urlOrResponse === 'string' ? await fetch(urlOrResponse, { redirect: 'manual' }) : urlOrResponse;
  const html = await response.text();
  if (response.status !== 200) throw new Error(`no login form: HTTP ${response.status}`);
  return { login: field(html, 'login') ?? '', csrf: field(html, 'csrf') ?? '', cookie: cookiesOf(response) };
}

export async function submit(
  idpUrl: string,
  form: LoginForm,
  userId: string,
  password: string,
  cookie = form.cookie,
  headers: Record<string, string> = {},
) {
  const response = await fetch(`${idpUrl}/saml/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie, ...headers },
    body: new URLSearchParams({ login: form.login, csrf: form.csrf, userId, password }).toString(),
  });
  const html = await response.text();
  return {
    status: response.status,
    html,
    samlResponse: field(html, 'SAMLResponse'),
    relayState: field(html, 'RelayState'),
  };
}

/** An AuthnRequest as Genesys Cloud sends it, with any attribute overridden or left out (`undefined`). */
export function authnRequestXml(
  attributes: Record<string, string | undefined> = {},
  options: { issuer?: string; extensions?: string } = {},
): string {
  const all: Record<string, string | undefined> = {
    ID: `_${randomUUID().replace(/-/g, '')}`,
    Version: '2.0',
    IssueInstant: new Date().toISOString(),
    AssertionConsumerServiceURL: ACS_URL,
    ...attributes,
  };
  const attrs = Object.entries(all)
    .filter(([, value]) => value !== undefined)
    .map(([name, value]) => ` ${name}="${value ?? ''}"`)
    .join('');
  return (
    `<samlp:AuthnRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion"${attrs}>` +
    `<saml:Issuer>${options.issuer ?? sp.entityId}</saml:Issuer>` +
    (options.extensions === undefined ? '' : `<samlp:Extensions>${options.extensions}</samlp:Extensions>`) +
    '</samlp:AuthnRequest>'
  );
}

/** The Redirect-binding URL carrying `xml` (deflated, base64, URL-encoded), as an SP's browser redirect would. */
export function redirectUrl(idpUrl: string, xml: string, relayState?: string): string {
  const params = new URLSearchParams({ SAMLRequest: deflateRawSync(xml, { level: 9 }).toString('base64') });
  if (relayState !== undefined) params.set('RelayState', relayState);
  return `${idpUrl}/saml/sso?${params.toString()}`;
}

/** The POST-binding form carrying `xml`, deflated as node-saml does (or plain with `deflate: false`). */
export function postRequest(
  idpUrl: string,
  xml: string,
  options: { relayState?: string; deflate?: boolean } = {},
): Promise<Response> {
  const encoded = (options.deflate === false ? Buffer.from(xml) : deflateRawSync(xml, { level: 9 })).toString(
    'base64',
  );
  const params = new URLSearchParams({ SAMLRequest: encoded });
  if (options.relayState !== undefined) params.set('RelayState', options.relayState);
  return fetch(`${idpUrl}/saml/sso`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: params.toString(),
  });
}

import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { freePort, startServiceProcess, type ServiceProcess } from '@bridge/testing';
import type { SyncSystem } from './sync-system';

/**
 * Opens the login form Genesys Cloud's SP-initiated login leads to, as a browser would, on the IdP instance at
 * `idpUrl`: the SP's redirect names the IdP's public SSO URL, and a load balancer in front of several instances
 * picks one. The form's pending login lives in that instance, so `post` submits it there (sticky sessions), unless
 * `at` names another instance.
 */
export async function loginForm(gcUrl: string, idpUrl: string) {
  const start = await fetch(`${gcUrl}/saml/login?redirect=true`, { redirect: 'manual' });
  const sso = new URL(start.headers.get('location') ?? '');
  const form = await fetch(`${idpUrl}${sso.pathname}${sso.search}`);
  const html = await form.text();
  const value = (name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1] ?? '';
  const cookie = form.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  return {
    /** The status of the form's page, and the reason it gives when the IdP opened no form. */
    status: form.status,
    reason: reasonOf(html),
    post: (userId: string, password: string, at = idpUrl) =>
      fetch(`${at}/saml/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
        body: new URLSearchParams({
          login: value('login'),
          csrf: value('csrf'),
          userId,
          password,
        }).toString(),
      }),
  };
}

/** What a refusing page of the IdP (its form's error, its error page) or of the SP says, as the user reads it. */
export function reasonOf(html: string): string {
  const text = /id="(?:error|reason)"[^>]*>([^<]*)</.exec(html)?.[1] ?? '';
  return text
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** The SAMLResponse of the IdP's auto-submitting form, base64 as the browser posts it. */
export function samlResponseOf(html: string): string {
  return /name="SAMLResponse" value="([^"]+)"/.exec(html)?.[1] ?? '';
}

/** Which step of a login refused it, its HTTP status, and what its page told the user. */
export interface Refusal {
  readonly refused: 'IdP form' | 'IdP login' | 'SP';
  readonly status: number;
  readonly reason: string;
}

/**
 * Signs in to Genesys Cloud through the IdP instance at `idpUrl`, the whole SP-initiated round: the user the SP
 * signed in (its NameID), or the step that refused and why.
 */
export async function signInThrough(
  gcUrl: string,
  idpUrl: string,
  userId: string,
  password: string,
): Promise<{ nameId: string } | Refusal> {
  const form = await loginForm(gcUrl, idpUrl);
  if (form.status !== 200) return { refused: 'IdP form', status: form.status, reason: form.reason };
  return finishAtSp(gcUrl, await form.post(userId, password));
}

/**
 * What the IdP's answer to a login form comes to at the SP, as the browser carries it on: the user the SP signed
 * in (its NameID), or the step that refused and why.
 */
export async function finishAtSp(gcUrl: string, answer: Response): Promise<{ nameId: string } | Refusal> {
  const html = await answer.text();
  if (answer.status !== 200) return { refused: 'IdP login', status: answer.status, reason: reasonOf(html) };
  const acs = await fetch(`${gcUrl}/saml`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ SAMLResponse: samlResponseOf(html) }).toString(),
  });
  const page = await acs.text();
  const nameId = /id="nameId">([^<]+)</.exec(page)?.[1];
  return acs.status === 200 && nameId
    ? { nameId }
    : { refused: 'SP', status: acs.status, reason: reasonOf(page) };
}

/**
 * A signing key and its self-signed certificate made with openssl, as a site would give them to every sso-idp
 * instance (IDP_KEY_FILE, IDP_CERT_FILE): replicas must sign with the one key the SP has registered.
 */
export function idpSigningKey(dir: string): { keyFile: string; certFile: string } {
  const keyFile = join(dir, 'idp-key.pem');
  const certFile = join(dir, 'idp-cert.pem');
  execFileSync(
    'openssl',
    [
      ...['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=sso-idp replicas'],
      ...['-keyout', keyFile, '-out', certFile],
    ],
    { stdio: 'pipe' },
  );
  return { keyFile, certFile };
}

/**
 * What registers the IdP with the Genesys Cloud simulator (its variables), as an admin registers it in the org:
 * the certificate of the shared signing key and the IdP's public URL, the one address in front of every instance.
 */
export function spRegistration(certFile: string, publicUrl: string): Record<string, string> {
  return {
    GC_SIM_IDP_CERT_FILE: certFile,
    GC_SIM_IDP_SSO_URL: `${publicUrl}/saml/sso`,
    GC_SIM_IDP_ENTITY_ID: `${publicUrl}/saml/metadata`,
  };
}

/**
 * One sso-idp instance beside a sync system: CIC is the system's simulator, the SP its Genesys Cloud simulator,
 * and it signs with `key` under `publicUrl`, as every instance of a site does.
 */
export async function startIdpOf(
  system: Pick<SyncSystem, 'cic' | 'genesys'>,
  key: { keyFile: string; certFile: string },
  publicUrl: string,
  dataDir: string,
): Promise<ServiceProcess> {
  const port = await freePort();
  return startServiceProcess({
    name: 'sso-idp',
    main: 'apps/sso-idp/src/main.ts',
    env: {
      LOG_LEVEL: 'warn',
      IDP_PORT: String(port),
      IDP_BASE_URL: publicUrl,
      CIC_SERVERS: system.cic.baseUrl,
      GC_LOGIN_URL: system.genesys.baseUrl,
      IDP_KEY_FILE: key.keyFile,
      IDP_CERT_FILE: key.certFile,
      IDP_DATA_DIR: dataDir,
    },
    baseUrl: `http://127.0.0.1:${port}`,
  });
}

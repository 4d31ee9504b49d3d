import { eventually, freePort, startServiceProcess, type ServiceProcess } from '@bridge/testing';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { chromium, type BrowserContext } from 'playwright-core';
import { loginForm as loginFormThrough, samlResponseOf } from './support/sso-login';

// Sign-in to the Genesys Cloud simulator (the SP) with CIC credentials through the sso-idp process, in headless
// Chromium. Every part runs as a process, as `npm start` runs it; the IdP generates its keys on first start.

const CHROMIUM = '/usr/bin/chromium';
const USER = { id: 'sso.agent', password: 'pw-sso-1', email: 'sso.agent@example.com' };
const NO_MAIL = { id: 'sso.nomail', password: 'pw-sso-2' };
// No business email, only a mailbox one: the sync gives the user that address, so the IdP must name them by it.
const MAILBOX_ONLY = { id: 'sso.mailbox', password: 'pw-sso-3', email: 'sso.mailbox@mail.example.com' };

let cic: ServiceProcess;
let gc: ServiceProcess;
let idp: ServiceProcess;
let dataDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'sso-idp-e2e-'));
  const [cicPort, backupPort, gcPort, idpPort] = [
    await freePort(),
    await freePort(),
    await freePort(),
    await freePort(),
  ];
  cic = await startServiceProcess({
    name: 'cic-simulator',
    main: 'apps/cic-simulator/src/main.ts',
    args: [
      ...['--port', String(cicPort), '--backup-port', String(backupPort)],
      ...['--users', '3', '--workgroups', '1', '--skills', '1', '--wrapups', '1'],
    ],
    env: { LOG_LEVEL: 'warn' },
    baseUrl: `http://127.0.0.1:${cicPort}`,
    ready: '/icws/connection/version',
  });
  for (const user of [
    { id: USER.id, displayName: 'SSO Agent', businessEmail: USER.email, password: USER.password },
    { id: NO_MAIL.id, displayName: 'No Mail', password: NO_MAIL.password },
    {
      id: MAILBOX_ONLY.id,
      displayName: 'Mailbox Only',
      mailboxEmail: MAILBOX_ONLY.email,
      password: MAILBOX_ONLY.password,
    },
  ]) {
    const response = await fetch(`${cic.baseUrl}/sim/users`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(user),
    });
    expect(response.status).toBe(201);
  }
  const idpUrl = `http://127.0.0.1:${idpPort}`;
  const gcUrl = `http://127.0.0.1:${gcPort}`;
  idp = await startServiceProcess({
    name: 'sso-idp',
    main: 'apps/sso-idp/src/main.ts',
    env: {
      IDP_PORT: String(idpPort),
      IDP_BASE_URL: idpUrl,
      CIC_SERVERS: `${cic.baseUrl},http://127.0.0.1:${backupPort}`,
      GC_LOGIN_URL: gcUrl,
      IDP_DATA_DIR: dataDir,
    },
    baseUrl: idpUrl,
  });
  // Register the IdP in Genesys Cloud as an admin would: its certificate, issuer and SSO ("Target") URL.
  const metadata = await (await fetch(`${idpUrl}/saml/metadata`)).text();
  const certs = [...metadata.matchAll(/<(?:ds:)?X509Certificate>([^<]+)</g)].map((m) => m[1] ?? '');
  const certFile = join(dataDir, 'registered-idp-certs.pem');
  writeFileSync(
    certFile,
    certs.map((c) => `-----BEGIN CERTIFICATE-----\n${c}\n-----END CERTIFICATE-----\n`).join(''),
  );
  gc = await startServiceProcess({
    name: 'genesys-cloud-simulator',
    main: 'apps/genesys-cloud-simulator/src/main.ts',
    env: {
      GC_SIM_PORT: String(gcPort),
      GC_SIM_IDP_CERT_FILE: certFile,
      GC_SIM_IDP_SSO_URL: `${idpUrl}/saml/sso`,
      GC_SIM_IDP_ENTITY_ID: `${idpUrl}/saml/metadata`,
      LOG_LEVEL: 'warn',
    },
    baseUrl: gcUrl,
    ready: '/sim/state',
  });
  const seeded = await fetch(`${gc.baseUrl}/sim/seed`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ users: [{ userName: USER.email, displayName: 'SSO Agent' }] }),
  });
  expect(seeded.ok).toBe(true);
});

afterAll(async () => {
  await idp?.stop();
  await gc?.stop();
  await cic?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

it('generates its signing keys on first start and publishes the current and next certificates', async () => {
  expect(existsSync(join(dataDir, 'signing-key.pem'))).toBe(true);
  const metadata = await (await fetch(`${idp.baseUrl}/saml/metadata`)).text();
  expect(metadata.match(/<(?:ds:)?X509Certificate>/g)).toHaveLength(2);
});

/** The login form of an SP-initiated login, on this IdP; `post` submits it as the browser would. */
const loginForm = () => loginFormThrough(gc.baseUrl, idp.baseUrl);

it('refuses a wrong CIC password and explains a user without a business email (ICWS as the authority)', async () => {
  // The same form the browser gets, driven with fetch to reach the IdP's answers directly.
  const { post } = await loginForm();
  expect((await post(USER.id, 'wrong')).status).toBe(401);
  expect((await post('nobody.here', USER.password)).status).toBe(401);
  const noMail = await post(NO_MAIL.id, NO_MAIL.password);
  expect(noMail.status).toBe(403);
  expect(await noMail.text()).toContain('has no business email');
});

it('names a user without a business email by the mailbox email, the address the sync gave them', async () => {
  const { post } = await loginForm();
  const answer = await post(MAILBOX_ONLY.id, MAILBOX_ONLY.password);
  expect(answer.status).toBe(200);
  const xml = Buffer.from(samlResponseOf(await answer.text()), 'base64').toString('utf8');
  expect(/<(?:saml:)?NameID[^>]*>([^<]+)</.exec(xml)?.[1]).toBe(MAILBOX_ONLY.email);
});

it('signs in on the backup CIC server after a switchover, as the standby primary directs', async () => {
  const switchover = () => fetch(`${cic.baseUrl}/sim/switchover`, { method: 'POST' });
  expect((await switchover()).ok).toBe(true);
  try {
    const signedIn = await (await loginForm()).post(MAILBOX_ONLY.id, MAILBOX_ONLY.password);
    expect(signedIn.status).toBe(200);
    expect((await (await loginForm()).post(USER.id, 'wrong')).status).toBe(401);
  } finally {
    expect((await switchover()).ok).toBe(true);
  }
});

it('answers a deflated AuthnRequest bomb with 400 at once and stays up', async () => {
  const bomb = `<samlp:AuthnRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ID="_bomb" Version="2.0" IssueInstant="${new Date().toISOString()}"><samlp:Extensions>${'<a/>'.repeat(262_144)}</samlp:Extensions></samlp:AuthnRequest>`;
  const samlRequest = deflateRawSync(bomb, { level: 9 }).toString('base64');
  // "At once" as the reason shows it, not a clock a loaded machine can run past: the inflater's output cap stopped
  // each bomb before its XML was read.
  const cappedRefusals = () => idp.output().split('over the size limit once inflated').length - 1;
  const before = cappedRefusals();
  const redirect = await fetch(
    `${idp.baseUrl}/saml/sso?${new URLSearchParams({ SAMLRequest: samlRequest })}`,
  );
  const post = await fetch(`${idp.baseUrl}/saml/sso`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ SAMLRequest: samlRequest }).toString(),
  });
  expect([redirect.status, post.status]).toEqual([400, 400]);
  await eventually(async () => cappedRefusals() === before + 2 || undefined);
  expect((await fetch(`${idp.baseUrl}/health`)).status).toBe(200);
});

it('refuses to start with sandbox keys when the configuration looks like production', async () => {
  const port = await freePort();
  await expect(
    startServiceProcess({
      name: 'sso-idp-production-like',
      main: 'apps/sso-idp/src/main.ts',
      env: {
        IDP_PORT: String(port),
        IDP_BASE_URL: 'https://sso.example.com',
        GC_REGION: 'us_east_1',
        IDP_DATA_DIR: join(dataDir, 'production-like'),
      },
      baseUrl: `http://127.0.0.1:${port}`,
    }),
  ).rejects.toThrow(
    /exited with 1[\s\S]*looks like production \(IDP_BASE_URL is https, GC_REGION is us_east_1\)/,
  );
  expect(existsSync(join(dataDir, 'production-like'))).toBe(false);
});

// A developer without Debian's Chromium skips the browser scenarios; CI installs it (.ci/run) and never skips.
const describeWithChromium = existsSync(CHROMIUM) || process.env['CI'] ? describe : describe.skip;

describeWithChromium('in headless Chromium', () => {
  let context: BrowserContext;
  let profile: string;

  beforeAll(async () => {
    profile = mkdtempSync(join(tmpdir(), 'sso-idp-chromium-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  });

  afterAll(async () => {
    await context?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  it('starts at the Genesys Cloud login, signs in with CIC credentials and lands signed in as that user', async () => {
    const page = await context.newPage();
    await page.goto(`${gc.baseUrl}/saml/login?redirect=true`);
    await page.fill('#userId', USER.id);
    await page.fill('#password', USER.password);
    await page.click('#signIn');
    await page.waitForURL(`${gc.baseUrl}/saml`);
    expect(await page.textContent('#nameId')).toBe(USER.email);
    expect(await page.textContent('body')).toContain('SP-initiated');
    await page.goto(`${gc.baseUrl}/saml/me`);
    expect(await page.textContent('#nameId')).toBe(USER.email);
    await page.close();
  });

  it('launches from CIC with a one-time auth token and lands signed in, the target passed on', async () => {
    const seed = randomUUID();
    const token = await uniqueAuthToken(seed);
    const page = await context.newPage();
    await page.goto(
      `${idp.baseUrl}/saml/launch?target=directory&token=${encodeURIComponent(token)}&seed=${seed}`,
    );
    await page.waitForURL(`${gc.baseUrl}/saml`);
    expect(await page.textContent('#nameId')).toBe(USER.email);
    const body = (await page.textContent('body')) ?? '';
    expect(body).toContain('IdP-initiated');
    expect(await page.textContent('#attributes')).toContain('directory');
    await page.close();
  });
});

/** What the CIC client does before opening the launch URL: a one-time token from the user's own session. */
async function uniqueAuthToken(seed: string): Promise<string> {
  const connect = await fetch(`${cic.baseUrl}/icws/connection`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'accept-language': 'en-us' },
    body: JSON.stringify({
      __type: 'urn:inin.com:connection:icAuthConnectionRequestSettings',
      applicationName: 'CIC client',
      userID: USER.id,
      password: USER.password,
    }),
  });
  const session = (await connect.json()) as { sessionId: string; csrfToken: string };
  const cookie = connect.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  return eventually(async () => {
    const response = await fetch(`${cic.baseUrl}/icws/${session.sessionId}/connection/unique-auth-token`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'accept-language': 'en-us',
        'ININ-ICWS-CSRF-Token': session.csrfToken,
        cookie,
      },
      body: JSON.stringify({ authTokenSeed: seed }),
    });
    return response.ok ? ((await response.json()) as { authToken: string }).authToken : undefined;
  });
}

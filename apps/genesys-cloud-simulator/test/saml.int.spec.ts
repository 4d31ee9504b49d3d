import { inflateRawSync } from 'node:zlib';
import { type RunningGenesysCloudSimulator, startGenesysCloudSimulator } from '../src/server';
import { type TestIdp, createTestIdp, signedResponse } from './saml-idp';
import { send } from './http-client';

const IDP_SSO_URL = 'https://idp.test/sso';
let idp: TestIdp;
let sim: RunningGenesysCloudSimulator;
let acsUrl = '';
let audience = '';

async function post(samlResponse: string): Promise<{ status: number; html: string; cookie: string | null }> {
  const response = await fetch(acsUrl, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ SAMLResponse: samlResponse }),
  });
  return { status: response.status, html: await response.text(), cookie: response.headers.get('set-cookie') };
}

beforeAll(async () => {
  idp = createTestIdp();
  sim = await startGenesysCloudSimulator({
    port: 0,
    orgName: 'acme',
    saml: { certs: [idp.certPem], ssoUrl: IDP_SSO_URL, entityId: 'https://idp.test/saml' },
  });
  acsUrl = sim.saml?.acsUrl ?? '';
  audience = sim.saml?.spEntityId ?? '';
  const seeded = await send(sim.url, undefined, 'POST', '/sim/seed', {
    users: [{ userName: 'ann@example.com', displayName: 'Ann' }],
  });
  expect(seeded.status).toBe(200);
});
afterAll(async () => {
  await sim.close();
});

describe('SAML service provider', () => {
  it('is configured with the documented defaults', () => {
    expect(acsUrl).toBe(`${sim.url}/saml`);
    expect(audience).toBe('genesys.cloud.acme');
  });

  it('signs in on an IdP-initiated signed Response and shows the user, once only', async () => {
    const response = signedResponse(idp, {
      acsUrl,
      audience,
      nameId: 'ann@example.com',
      attributes: { OrganizationName: 'acme' },
    });
    const first = await post(response);
    expect(first.status).toBe(200);
    expect(first.html).toContain('ann@example.com');
    const me = await fetch(`${sim.url}/saml/me`, {
      headers: { Cookie: (first.cookie ?? '').split(';')[0] ?? '' },
    });
    expect(await me.text()).toContain('ann@example.com');
    const replay = await post(response);
    expect(replay.status).toBe(403);
    expect(replay.html).toContain('already used');
  });

  it.each([
    ['a wrong audience', { audience: 'someone.else' }, 'audience'],
    ['a wrong recipient', { recipient: 'https://evil.test/saml' }, 'Recipient'],
    ['an expired assertion beyond the 10 s skew', { expiresInMs: -11_000 }, 'expired'],
    ['an unknown user', { nameId: 'nobody@example.com' }, 'No active user'],
    ['an unknown InResponseTo', { inResponseTo: '_never-sent' }, 'InResponseTo'],
  ])('refuses %s', async (_name, override, reason) => {
    const result = await post(
      signedResponse(idp, { acsUrl, audience, nameId: 'ann@example.com', ...override }),
    );
    expect(result.status).toBe(403);
    expect(result.html).toContain(reason);
  });

  it('accepts an assertion expired by less than the 10 s skew', async () => {
    const result = await post(
      signedResponse(idp, { acsUrl, audience, nameId: 'ann@example.com', expiresInMs: -5_000 }),
    );
    expect(result.status).toBe(200);
  });

  it('refuses a Response signed by another key', async () => {
    const result = await post(
      signedResponse(createTestIdp(), { acsUrl, audience, nameId: 'ann@example.com' }),
    );
    expect(result.status).toBe(403);
  });

  it('starts SP-initiated SSO toward the IdP and accepts the matching InResponseTo', async () => {
    const login = await fetch(`${sim.url}/saml/login?redirect=true`, { redirect: 'manual' });
    expect(login.status).toBe(302);
    const location = new URL(login.headers.get('location') ?? '');
    expect(`${location.origin}${location.pathname}`).toBe(IDP_SSO_URL);
    const request = inflateRawSync(
      Buffer.from(location.searchParams.get('SAMLRequest') ?? '', 'base64'),
    ).toString();
    const requestId = /ID="([^"]+)"/.exec(request)?.[1] ?? '';
    expect(request).toContain(`AssertionConsumerServiceURL="${acsUrl}"`);
    const result = await post(
      signedResponse(idp, { acsUrl, audience, nameId: 'ann@example.com', inResponseTo: requestId }),
    );
    expect(result.status).toBe(200);
    expect(result.html).toContain('SP-initiated');
    const page = await fetch(`${sim.url}/saml/login`);
    expect(await page.text()).toContain(IDP_SSO_URL);
  });
});

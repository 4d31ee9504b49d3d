import { buildAssertionInput, type ServiceProvider } from '@bridge/saml-idp';
import { SAML, ValidateInResponseTo } from '@node-saml/node-saml';
import { inflateRawSync } from 'node:zlib';
import { AUTHN_CONTEXT, IdentityProvider } from '../src/identity-provider';
import { generateSelfSignedPair } from '../src/signing-keys';
import {
  ACS_URL,
  field,
  keys,
  openLoginForm,
  sp,
  startIdp,
  submit as submitTo,
  xmlOf,
  type IdpUnderTest,
  type LoginForm,
} from './support';

// The IdP (samlify) in-process against an in-memory CIC; node-saml, an independent library, is the SP that
// validates every Response, configured as Genesys Cloud is (±10 s skew, audience, signature required).

let idp: IdpUnderTest;
let idpUrl: string;
let cic: IdpUnderTest['cic'];

function serviceProvider(overrides: Partial<ConstructorParameters<typeof SAML>[0]> = {}): SAML {
  return new SAML({
    callbackUrl: ACS_URL,
    entryPoint: `${idpUrl}/saml/sso`,
    issuer: sp.entityId,
    audience: sp.entityId,
    idpCert: keys.certificate,
    idpIssuer: `${idpUrl}/saml/metadata`,
    acceptedClockSkewMs: 10_000,
    wantAuthnResponseSigned: true,
    wantAssertionsSigned: true,
    validateInResponseTo: ValidateInResponseTo.always,
    disableRequestedAuthnContext: true,
    identifierFormat: 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress',
    ...overrides,
  });
}

beforeAll(async () => {
  idp = await startIdp();
  idpUrl = idp.url;
  cic = idp.cic;
});

afterAll(async () => {
  await idp?.close();
});

const submit = (form: LoginForm, userId: string, password: string, cookie?: string) =>
  submitTo(idpUrl, form, userId, password, cookie);

describe('SP-initiated login', () => {
  it('answers a Redirect-binding AuthnRequest with a Response node-saml accepts, naming the user by business email', async () => {
    const saml = serviceProvider();
    const form = await openLoginForm(await saml.getAuthorizeUrlAsync('relay-1', undefined, {}));
    const answer = await submit(form, 'anna.oberg', 'secret-pw-1');
    expect(answer.status).toBe(200);
    expect(answer.html).toContain(`action="${ACS_URL}"`);
    expect(answer.relayState).toBe('relay-1');
    const { profile } = await saml.validatePostResponseAsync({ SAMLResponse: answer.samlResponse ?? '' });
    expect(profile?.nameID).toBe('anna@example.com');
    expect(profile?.nameIDFormat).toBe('urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress');
    expect(profile?.['OrganizationName']).toBe('acme');
    expect(profile?.['email']).toBe('anna@example.com');
    const xml = xmlOf(answer.samlResponse ?? '');
    expect(xml).toContain(`Destination="${ACS_URL}"`);
    expect(xml).toContain(`Recipient="${ACS_URL}"`);
    expect(xml).toContain('<saml:Audience>genesys.cloud.acme</saml:Audience>');
    expect(
      xml.match(/SignatureMethod Algorithm="http:\/\/www.w3.org\/2001\/04\/xmldsig-more#rsa-sha256"/g),
    ).toHaveLength(2);
  });

  it('answers a POST-binding AuthnRequest, with InResponseTo naming it', async () => {
    const saml = serviceProvider({ authnRequestBinding: 'HTTP-POST' });
    const html = await saml.getAuthorizeFormAsync('', undefined, {});
    const samlRequest = field(html, 'SAMLRequest') ?? '';
    // node-saml deflates the request even for the POST binding; samlify reads it either way.
    const requestId = /ID="([^"]+)"/.exec(inflateRawSync(Buffer.from(samlRequest, 'base64')).toString())?.[1];
    expect(requestId).toBeDefined();
    const form = await openLoginForm(
      await fetch(`${idpUrl}/saml/sso`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ SAMLRequest: samlRequest }).toString(),
      }),
    );
    const answer = await submit(form, 'anna.oberg', 'secret-pw-1');
    expect(xmlOf(answer.samlResponse ?? '')).toContain(`InResponseTo="${requestId}"`);
    const { profile } = await saml.validatePostResponseAsync({ SAMLResponse: answer.samlResponse ?? '' });
    expect(profile?.nameID).toBe('anna@example.com');
  });

  it('refuses a wrong password and an unknown user alike, and gives no Response', async () => {
    const form = await openLoginForm(await serviceProvider().getAuthorizeUrlAsync('', undefined, {}));
    for (const [userId, password] of [
      ['anna.oberg', 'wrong'],
      ['nobody', 'secret-pw-1'],
    ] as const) {
      const answer = await submit(form, userId, password);
      expect(answer.status).toBe(401);
      expect(answer.samlResponse).toBeUndefined();
      expect(answer.html).toContain('The CIC user id or password is wrong.');
    }
  });

  it('refuses a replayed AuthnRequest id', async () => {
    const url = await serviceProvider().getAuthorizeUrlAsync('', undefined, {});
    await openLoginForm(url);
    const replay = await fetch(url);
    expect(replay.status).toBe(400);
    expect(await replay.text()).toContain('already used');
  });

  it('refuses an AuthnRequest from another SP', async () => {
    const url = await serviceProvider({ issuer: 'genesys.cloud.other' }).getAuthorizeUrlAsync(
      '',
      undefined,
      {},
    );
    expect((await fetch(url)).status).toBe(403);
  });

  it('refuses a form posted without its CSRF cookie', async () => {
    const form = await openLoginForm(await serviceProvider().getAuthorizeUrlAsync('', undefined, {}));
    const answer = await submit(form, 'anna.oberg', 'secret-pw-1', '');
    expect(answer.status).toBe(403);
    expect(answer.samlResponse).toBeUndefined();
  });

  it('shows a clear page, not an assertion, to a CIC user without a business email', async () => {
    const form = await openLoginForm(await serviceProvider().getAuthorizeUrlAsync('', undefined, {}));
    const answer = await submit(form, 'no.mail', 'secret-pw-2');
    expect(answer.status).toBe(403);
    expect(answer.samlResponse).toBeUndefined();
    expect(answer.html).toContain('has no business email');
  });

  it('locks a user out after repeated failures, even with the right password', async () => {
    const form = await openLoginForm(await serviceProvider().getAuthorizeUrlAsync('', undefined, {}));
    for (let i = 0; i < 5; i++) expect((await submit(form, 'locked.out', 'guess')).status).toBe(401);
    // A fresh form: the first one has had its share of attempts.
    const again = await openLoginForm(await serviceProvider().getAuthorizeUrlAsync('', undefined, {}));
    const answer = await submit(again, 'locked.out', 'secret-pw-3');
    expect(answer.status).toBe(429);
    expect(answer.html).toContain('Too many failed sign-ins for this CIC user');
  });
});

describe('IdP-initiated launch', () => {
  it('signs in with a one-time CIC token, the target in ServiceName and RelayState', async () => {
    cic.tokens.set('token-1', 'anna.oberg');
    const response = await fetch(`${idpUrl}/saml/launch?target=directory&token=token-1`);
    const html = await response.text();
    expect(response.status).toBe(200);
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    const samlResponse = field(html, 'SAMLResponse') ?? '';
    expect(field(html, 'RelayState')).toBe('directory');
    expect(xmlOf(samlResponse)).not.toContain('InResponseTo');
    const saml = serviceProvider({ validateInResponseTo: ValidateInResponseTo.ifPresent });
    const { profile } = await saml.validatePostResponseAsync({ SAMLResponse: samlResponse });
    expect(profile?.nameID).toBe('anna@example.com');
    expect(profile?.['ServiceName']).toBe('directory');
  });

  it('refuses a token that was already used', async () => {
    cic.tokens.set('token-2', 'anna.oberg');
    expect((await fetch(`${idpUrl}/saml/launch?token=token-2`)).status).toBe(200);
    const again = await fetch(`${idpUrl}/saml/launch?token=token-2`);
    expect(again.status).toBe(401);
    expect(await again.text()).toContain('already used or has expired');
  });

  it('refuses a target that is not a Genesys page', async () => {
    cic.tokens.set('token-3', 'anna.oberg');
    expect((await fetch(`${idpUrl}/saml/launch?token=token-3&target=javascript:alert(1)`)).status).toBe(400);
  });
});

describe('Responses the SP must refuse', () => {
  const idp = () => new IdentityProvider(`${idpUrl}/saml/metadata`, `${idpUrl}/saml/sso`, sp, keys);
  const ids = () => ({
    responseId: `_r${Date.now()}${Math.random().toString(16).slice(2)}`,
    assertionId: `_a${Math.random().toString(16).slice(2)}`,
  });
  const anna = { userId: 'anna.oberg', businessEmail: 'anna@example.com' };

  async function signed(at: Date, target: ServiceProvider = sp): Promise<string> {
    const decision = buildAssertionInput(anna, target, at, ids(), { kind: 'idpInitiated' });
    if (!decision.ok) throw new Error('expected an assertion');
    return idp().signResponse(decision.assertion, AUTHN_CONTEXT.password);
  }
  const validate = (samlResponse: string) =>
    serviceProvider({ validateInResponseTo: ValidateInResponseTo.ifPresent }).validatePostResponseAsync({
      SAMLResponse: samlResponse,
    });

  it('accepts a fresh one (the control case)', async () => {
    await expect(validate(await signed(new Date()))).resolves.toMatchObject({
      profile: { nameID: 'anna@example.com' },
    });
  });

  it('refuses one tampered with after signing', async () => {
    const xml = xmlOf(await signed(new Date())).replace(/anna@example.com/g, 'mallory@example.com');
    await expect(validate(Buffer.from(xml).toString('base64'))).rejects.toThrow();
  });

  it('refuses an expired one', async () => {
    await expect(validate(await signed(new Date(Date.now() - 5 * 60_000)))).rejects.toThrow(
      /expired|NotOnOrAfter/i,
    );
  });

  it('refuses one for another audience', async () => {
    await expect(
      validate(await signed(new Date(), { ...sp, entityId: 'genesys.cloud.other' })),
    ).rejects.toThrow(/audience/i);
  });

  it('refuses one signed with a key it does not know', async () => {
    const stranger = generateSelfSignedPair('stranger', new Date());
    const decision = buildAssertionInput(anna, sp, new Date(), ids(), { kind: 'idpInitiated' });
    if (!decision.ok) throw new Error('expected an assertion');
    const forged = await new IdentityProvider(
      `${idpUrl}/saml/metadata`,
      `${idpUrl}/saml/sso`,
      sp,
      stranger,
    ).signResponse(decision.assertion, AUTHN_CONTEXT.password);
    await expect(validate(forged)).rejects.toThrow();
  });
});

describe('metadata and logs', () => {
  it('publishes the entity id, both SSO bindings and the current and next certificates', async () => {
    const xml = await (await fetch(`${idpUrl}/saml/metadata`)).text();
    expect(xml).toContain(`entityID="${idpUrl}/saml/metadata"`);
    expect(xml).toContain('urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect');
    expect(xml).toContain('urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST');
    expect(xml.match(/<(ds:)?X509Certificate>/g)).toHaveLength(2);
  });

  it('never logs a password, a token or an assertion', () => {
    expect(idp.logs()).toContain('assertion issued');
    for (const secret of [
      'secret-pw-1',
      'secret-pw-3',
      'token-1',
      'token-2',
      'SAMLResponse',
      'PHNhbWxwOlJlc3BvbnNl',
    ])
      expect(idp.logs()).not.toContain(secret);
  });
});

import {
  ADDRESS_THROTTLE,
  buildAssertionInput,
  LOGIN_FORM_ATTEMPTS,
  REQUEST_LIMITS,
  USER_THROTTLE,
} from '@bridge/saml-idp';
import { SAML, ValidateInResponseTo } from '@node-saml/node-saml';
import { DOMParser } from '@xmldom/xmldom';
import { AUTHN_CONTEXT, IdentityProvider } from '../src/identity-provider';
import {
  ACS_URL,
  authnRequestXml,
  FakeCic,
  field,
  keys,
  openLoginForm,
  postRequest,
  redirectUrl,
  sp,
  startIdp,
  submit,
  xmlOf,
  type IdpUnderTest,
} from './support';

// What an unauthenticated client can send the IdP, and that it stays up and answers as little as possible.

let idp: IdpUnderTest;

beforeAll(async () => {
  idp = await startIdp();
});

afterAll(async () => {
  await idp?.close();
});

// "At once" is shown by why it was refused, not by a clock (which a loaded CI machine can run past): the
// inflater's output cap stopped the bomb before its XML was read, so no DOM was ever built.
const inflaterCapped = 'over the size limit once inflated';
const refusalsByCap = () => idp.logs().split(inflaterCapped).length - 1;

describe('decompression and DOM bombs', () => {
  // A valid AuthnRequest padded with a mebibyte of empty elements: deflated, well under two kilobytes.
  const bomb = authnRequestXml({}, { extensions: '<a/>'.repeat(262_144) });

  it('answers a Redirect-binding bomb with 400 at once, and keeps answering /health', async () => {
    const url = redirectUrl(idp.url, bomb);
    expect(url.length).toBeLessThan(4096);
    const before = refusalsByCap();
    expect((await fetch(url)).status).toBe(400);
    expect(refusalsByCap()).toBe(before + 1);
    expect((await fetch(`${idp.url}/health`)).status).toBe(200);
  });

  it('answers a POST-binding bomb with 400 at once, and keeps answering /health', async () => {
    const before = refusalsByCap();
    expect((await postRequest(idp.url, bomb)).status).toBe(400);
    expect(refusalsByCap()).toBe(before + 1);
    expect((await fetch(`${idp.url}/health`)).status).toBe(200);
  });

  it('refuses an uncompressed POST request with more elements than an AuthnRequest has', async () => {
    const wide = authnRequestXml({}, { extensions: '<a/>'.repeat(500) });
    expect((await postRequest(idp.url, wide, { deflate: false })).status).toBe(400);
  });

  it('still opens the login form for an ordinary request over either binding', async () => {
    expect((await openLoginForm(redirectUrl(idp.url, authnRequestXml()))).login).not.toBe('');
    expect((await openLoginForm(await postRequest(idp.url, authnRequestXml()))).login).not.toBe('');
  });
});

describe('request id placeholder injection', () => {
  const inResponseTo = (samlResponse: string, element: string) => {
    const doc = new DOMParser().parseFromString(xmlOf(samlResponse), 'text/xml');
    const [node] = Array.from(doc.getElementsByTagNameNS('*', element));
    return node?.getAttribute('InResponseTo');
  };

  it('puts the request id byte for byte into the Response and its SubjectConfirmationData', async () => {
    const id = `_a.b-c_${Date.now()}`;
    const form = await openLoginForm(redirectUrl(idp.url, authnRequestXml({ ID: id })));
    const answer = await submit(idp.url, form, 'anna.oberg', 'secret-pw-1');
    expect(answer.status).toBe(200);
    expect(inResponseTo(answer.samlResponse ?? '', 'Response')).toBe(id);
    expect(inResponseTo(answer.samlResponse ?? '', 'SubjectConfirmationData')).toBe(id);
  });

  it.each(['{ServiceName}', '_{NameID}', `_${'a'.repeat(300)}`])(
    'refuses an AuthnRequest with the id %p before showing a form',
    async (id) => {
      const response = await fetch(redirectUrl(idp.url, authnRequestXml({ ID: id })));
      expect(response.status).toBe(403);
      expect(field(await response.text(), 'login')).toBeUndefined();
    },
  );

  it('will not sign a Response in which any value carries a template brace', async () => {
    const signer = new IdentityProvider(`${idp.url}/saml/metadata`, `${idp.url}/saml/sso`, sp, keys);
    const decision = buildAssertionInput(
      { userId: 'u', businessEmail: 'u@example.com' },
      sp,
      new Date(),
      { responseId: '_r', assertionId: '_a' },
      { kind: 'spInitiated', requestId: '_{NameID}' },
    );
    if (!decision.ok) throw new Error('expected an assertion');
    await expect(signer.signResponse(decision.assertion, AUTHN_CONTEXT.password)).rejects.toThrow(/brace/);
  });
});

describe('login attempts and in-memory state', () => {
  // Its own IdP, so the failures here lock no other test's address; CIC answers as slowly as a real one.
  let slow: IdpUnderTest;
  beforeAll(async () => {
    slow = await startIdp({ cic: new FakeCic(100) });
  });
  afterAll(async () => {
    await slow?.close();
  });

  it('lets a concurrent burst of wrong passwords on one login reach CIC no more often than the user limit', async () => {
    const form = await openLoginForm(redirectUrl(slow.url, authnRequestXml()));
    const before = slow.cic.calls;
    const answers = await Promise.all(
      Array.from({ length: 40 }, () => submit(slow.url, form, 'anna.oberg', 'wrong')),
    );
    expect(slow.cic.calls - before).toBeLessThanOrEqual(USER_THROTTLE.maxFailures);
    expect(answers.filter((a) => a.status === 401)).toHaveLength(slow.cic.calls - before);
    for (const refused of answers.filter((a) => a.status !== 401))
      expect([403, 429]).toContain(refused.status);
  });

  it('lets concurrent wrong passwords for one user, each on its own form, reach CIC no more often than the limit', async () => {
    const fresh = await startIdp({ cic: new FakeCic(100) });
    try {
      const forms = [];
      for (let i = 0; i < 15; i++) forms.push(await openLoginForm(redirectUrl(fresh.url, authnRequestXml())));
      const answers = await Promise.all(forms.map((form) => submit(fresh.url, form, 'Anna.Oberg', 'wrong')));
      expect(fresh.cic.calls).toBe(USER_THROTTLE.maxFailures);
      expect(answers.filter((a) => a.status === 429)).toHaveLength(15 - USER_THROTTLE.maxFailures);
    } finally {
      await fresh.close();
    }
  });

  it('signs in concurrent correct passwords for one user, each on its own form, however many are in flight', async () => {
    const fresh = await startIdp({ cic: new FakeCic(100) });
    try {
      const count = USER_THROTTLE.maxFailures * 3;
      const forms = [];
      for (let i = 0; i < count; i++)
        forms.push(await openLoginForm(redirectUrl(fresh.url, authnRequestXml())));
      const answers = await Promise.all(
        forms.map((form) => submit(fresh.url, form, 'anna.oberg', 'secret-pw-1')),
      );
      expect(answers.map((a) => a.status)).toEqual(Array.from({ length: count }, () => 200));
      expect(answers.every((a) => a.samlResponse !== undefined)).toBe(true);
      expect(fresh.cic.calls).toBe(count);
    } finally {
      await fresh.close();
    }
  });

  it('lets one login form try only a few passwords, even for different users, then asks to start again', async () => {
    const form = await openLoginForm(redirectUrl(slow.url, authnRequestXml()));
    const before = slow.cic.calls;
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) => submit(slow.url, form, `user.${i}`, 'wrong')),
    );
    expect(slow.cic.calls - before).toBe(LOGIN_FORM_ATTEMPTS);
    const refused = answers.filter((a) => a.status !== 401);
    expect(refused).toHaveLength(12 - LOGIN_FORM_ATTEMPTS);
    for (const answer of refused)
      expect(answer.html).toContain('Start again from the Genesys Cloud login page');
  });

  it('refuses a RelayState over the limit with 400 and keeps no login for it', async () => {
    const response = await fetch(
      redirectUrl(idp.url, authnRequestXml(), 'r'.repeat(REQUEST_LIMITS.relayStateBytes + 1)),
    );
    expect(response.status).toBe(400);
    expect(field(await response.text(), 'login')).toBeUndefined();
  });
});

describe('AuthnRequest checks', () => {
  it('refuses a request without an IssueInstant', async () => {
    expect((await fetch(redirectUrl(idp.url, authnRequestXml({ IssueInstant: undefined })))).status).toBe(
      403,
    );
  });

  it('refuses a request whose Destination is not this SSO URL, and accepts one whose Destination is', async () => {
    const elsewhere = authnRequestXml({ Destination: 'https://evil.example/x' });
    expect((await fetch(redirectUrl(idp.url, elsewhere))).status).toBe(403);
    const here = authnRequestXml({ Destination: `${idp.url}/saml/sso` });
    expect((await openLoginForm(redirectUrl(idp.url, here))).login).not.toBe('');
  });

  it('answers IsPassive="true" with a signed NoPassive Response to the ACS URL, not a form', async () => {
    const id = `_passive${Date.now()}`;
    const response = await fetch(
      redirectUrl(idp.url, authnRequestXml({ ID: id, IsPassive: 'true' }), 'relay-p'),
    );
    const html = await response.text();
    expect(response.status).toBe(200);
    expect(field(html, 'login')).toBeUndefined();
    expect(html).toContain(`action="${ACS_URL}"`);
    expect(field(html, 'RelayState')).toBe('relay-p');
    const samlResponse = field(html, 'SAMLResponse') ?? '';
    const xml = xmlOf(samlResponse);
    expect(xml).toContain('urn:oasis:names:tc:SAML:2.0:status:NoPassive');
    expect(xml).toContain(`InResponseTo="${id}"`);
    expect(xml).not.toContain('Assertion');
    const saml = new SAML({
      callbackUrl: ACS_URL,
      issuer: sp.entityId,
      audience: sp.entityId,
      idpCert: keys.certificate,
      wantAuthnResponseSigned: true,
      validateInResponseTo: ValidateInResponseTo.never,
    });
    await expect(saml.validatePostResponseAsync({ SAMLResponse: samlResponse })).resolves.toEqual({
      profile: null,
      loggedOut: false,
    });
  });
});

describe('launch targets', () => {
  it.each(['https://evil.example/phish', 'http://evil.example', 'http://apps.gc.test/directory'])(
    'refuses %p, which is not an https page of the org’s Genesys Cloud region',
    async (target) => {
      idp.cic.tokens.set('token-t', 'anna.oberg');
      const response = await fetch(
        `${idp.url}/saml/launch?token=token-t&target=${encodeURIComponent(target)}`,
      );
      expect(response.status).toBe(400);
      expect(field(await response.text(), 'SAMLResponse')).toBeUndefined();
    },
  );

  it('passes on an https page of the region (the ACS URL’s domain)', async () => {
    idp.cic.tokens.set('token-r', 'anna.oberg');
    const target = 'https://apps.gc.test/directory/#/';
    const response = await fetch(`${idp.url}/saml/launch?token=token-r&target=${encodeURIComponent(target)}`);
    expect(response.status).toBe(200);
    expect(field(await response.text(), 'RelayState')).toBe(target);
  });
});

describe('client addresses behind a reverse proxy', () => {
  const failLaunch = (url: string, client: string) =>
    fetch(`${url}/saml/launch?token=bogus`, { headers: { 'x-forwarded-for': client } });

  async function lockOut(url: string, client: string): Promise<void> {
    for (let i = 0; i < ADDRESS_THROTTLE.maxFailures; i++)
      expect((await failLaunch(url, client)).status).toBe(401);
    expect((await failLaunch(url, client)).status).toBe(429);
  }

  it('throttles two clients behind a trusted proxy independently', async () => {
    const proxied = await startIdp({ settings: { trustProxy: ['loopback'] } });
    try {
      await lockOut(proxied.url, '203.0.113.1');
      expect((await failLaunch(proxied.url, '203.0.113.2')).status).toBe(401);
    } finally {
      await proxied.close();
    }
  });

  it('ignores X-Forwarded-For from a client when no proxy is trusted', async () => {
    const direct = await startIdp();
    try {
      await lockOut(direct.url, '203.0.113.1');
      expect((await failLaunch(direct.url, '203.0.113.2')).status).toBe(429);
    } finally {
      await direct.close();
    }
  });
});

describe('pages and cookies', () => {
  const script = '"><script>alert(1)</script>';

  it('shows a RelayState carrying markup only escaped', async () => {
    const form = await openLoginForm(redirectUrl(idp.url, authnRequestXml(), script));
    const answer = await submit(idp.url, form, 'anna.oberg', 'secret-pw-1');
    expect(answer.status).toBe(200);
    expect(answer.html).not.toContain('<script>alert(1)');
    expect(answer.html).toContain('&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('shows a user id carrying markup only escaped', async () => {
    const form = await openLoginForm(redirectUrl(idp.url, authnRequestXml()));
    const answer = await submit(idp.url, form, script, 'wrong');
    expect(answer.status).toBe(401);
    expect(answer.html).not.toContain('<script>alert(1)');
    expect(answer.html).toContain('value="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"');
  });

  it('over https, sends a Secure __Host- CSRF cookie and HSTS, and the login still works', async () => {
    const https = await startIdp({
      settings: {
        baseUrl: 'https://idp.test',
        entityId: 'https://idp.test/saml/metadata',
        secureCookies: true,
      },
    });
    try {
      const response = await fetch(redirectUrl(https.url, authnRequestXml()));
      const [setCookie] = response.headers.getSetCookie();
      expect(setCookie).toMatch(/^__Host-idp_csrf=[^;]+; Path=\/; HttpOnly; Secure; SameSite=Strict$/);
      expect(response.headers.get('strict-transport-security')).toMatch(/^max-age=\d+$/);
      const answer = await submit(https.url, await openLoginForm(response), 'anna.oberg', 'secret-pw-1');
      expect(answer.status).toBe(200);
      expect(answer.samlResponse).toBeDefined();
    } finally {
      await https.close();
    }
  });

  it('over http, sends no Secure cookie and no HSTS', async () => {
    const response = await fetch(redirectUrl(idp.url, authnRequestXml()));
    expect(response.headers.getSetCookie()[0]).not.toMatch(/Secure/);
    expect(response.headers.get('strict-transport-security')).toBeNull();
    await response.body?.cancel();
  });
});

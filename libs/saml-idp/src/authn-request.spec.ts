import { checkAuthnRequest } from './authn-request';

const sp = { entityId: 'genesys.cloud.acme', acsUrl: 'http://127.0.0.1:8700/saml', orgName: 'acme' };
const expected = { sp, ssoUrl: 'https://sso.acme.example/saml/sso' };
const now = new Date('2024-05-01T10:00:00Z');
const request = {
  id: '_abc',
  issuer: 'genesys.cloud.acme',
  issueInstant: '2024-05-01T09:59:58Z',
  acsUrl: 'http://127.0.0.1:8700/saml',
};

describe('checkAuthnRequest', () => {
  it('accepts a recent request from the configured SP for its ACS URL', () => {
    expect(checkAuthnRequest(request, expected, now)).toEqual({
      ok: true,
      requestId: '_abc',
      passive: false,
    });
  });

  it('accepts a request that names no ACS URL (the configured one is used)', () => {
    expect(checkAuthnRequest({ ...request, acsUrl: undefined }, expected, now).ok).toBe(true);
  });

  it('refuses another SP', () => {
    expect(checkAuthnRequest({ ...request, issuer: 'evil' }, expected, now)).toEqual({
      ok: false,
      reason: 'unknownServiceProvider',
    });
  });

  it('refuses an ACS URL the SP was not registered with, so assertions cannot be sent elsewhere', () => {
    expect(checkAuthnRequest({ ...request, acsUrl: 'https://evil.example/saml' }, expected, now)).toEqual({
      ok: false,
      reason: 'unexpectedAcsUrl',
    });
  });

  it('refuses a request sent to another destination, and accepts one sent to this SSO URL', () => {
    expect(checkAuthnRequest({ ...request, destination: 'https://evil.example/x' }, expected, now)).toEqual({
      ok: false,
      reason: 'unexpectedDestination',
    });
    expect(checkAuthnRequest({ ...request, destination: expected.ssoUrl }, expected, now).ok).toBe(true);
  });

  it('refuses a request without an id', () => {
    expect(checkAuthnRequest({ ...request, id: '' }, expected, now)).toEqual({
      ok: false,
      reason: 'missingId',
    });
  });

  it.each(['{ServiceName}', '_{NameID}', `_${'a'.repeat(256)}`, '1abc', 'a b', '_a"b', '_a<b>'])(
    'refuses the request id %p, which is not an xsd:ID of bounded length',
    (id) => {
      expect(checkAuthnRequest({ ...request, id }, expected, now)).toEqual({
        ok: false,
        reason: 'invalidId',
      });
    },
  );

  it.each(['_abc', 'ONELOGIN_4fee3b04', 'id-1.2_x', `_${'a'.repeat(255)}`])(
    'accepts the request id %p',
    (id) => {
      expect(checkAuthnRequest({ ...request, id }, expected, now)).toMatchObject({ ok: true, requestId: id });
    },
  );

  it('refuses a request without an IssueInstant, which SAML core requires', () => {
    expect(checkAuthnRequest({ ...request, issueInstant: undefined }, expected, now)).toEqual({
      ok: false,
      reason: 'missingIssueInstant',
    });
  });

  it('refuses an old request and one from beyond the tolerated clock skew', () => {
    expect(checkAuthnRequest({ ...request, issueInstant: '2024-05-01T09:45:00Z' }, expected, now).ok).toBe(
      false,
    );
    expect(checkAuthnRequest({ ...request, issueInstant: '2024-05-01T10:00:30Z' }, expected, now).ok).toBe(
      false,
    );
    expect(checkAuthnRequest({ ...request, issueInstant: '2024-05-01T10:00:08Z' }, expected, now).ok).toBe(
      true,
    );
  });

  it('marks a passive request, which must be answered without a form', () => {
    expect(checkAuthnRequest({ ...request, isPassive: 'true' }, expected, now)).toMatchObject({
      passive: true,
    });
    expect(checkAuthnRequest({ ...request, isPassive: 'false' }, expected, now)).toMatchObject({
      passive: false,
    });
  });
});

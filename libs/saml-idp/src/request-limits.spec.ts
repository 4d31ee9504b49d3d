import {
  checkAuthnRequestXml,
  checkEncodedSamlRequest,
  checkRelayState,
  REQUEST_LIMITS,
} from './request-limits';

const authnRequest =
  '<samlp:AuthnRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ID="_a" Version="2.0" IssueInstant="2024-05-01T10:00:00Z"><saml:Issuer xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion">genesys.cloud.acme</saml:Issuer></samlp:AuthnRequest>';

describe('request limits', () => {
  it('accepts an ordinary AuthnRequest and RelayState', () => {
    expect(checkEncodedSamlRequest(Buffer.from(authnRequest).toString('base64'))).toEqual({ ok: true });
    expect(checkAuthnRequestXml(authnRequest)).toEqual({ ok: true });
    expect(checkRelayState('https://apps.mypurecloud.com/directory/#/')).toEqual({ ok: true });
    expect(checkRelayState(undefined)).toEqual({ ok: true });
  });

  it('refuses an encoded request over the limit before it is decoded', () => {
    expect(checkEncodedSamlRequest('A'.repeat(REQUEST_LIMITS.encodedChars + 1))).toEqual({
      ok: false,
      reason: 'requestTooLarge',
    });
    expect(checkEncodedSamlRequest(undefined)).toEqual({ ok: false, reason: 'missingRequest' });
  });

  it('refuses XML with more elements than any AuthnRequest has, however small each is', () => {
    const bomb = authnRequest.replace('</samlp:AuthnRequest>', `${'<a/>'.repeat(200)}</samlp:AuthnRequest>`);
    expect(checkAuthnRequestXml(bomb)).toEqual({ ok: false, reason: 'tooManyElements' });
  });

  it('refuses XML over the inflated size limit', () => {
    const padded = authnRequest.replace('genesys.cloud.acme', 'x'.repeat(REQUEST_LIMITS.xmlBytes));
    expect(checkAuthnRequestXml(padded)).toEqual({ ok: false, reason: 'requestTooLarge' });
  });

  it('refuses a DTD', () => {
    expect(checkAuthnRequestXml(`<!DOCTYPE x [<!ENTITY a "b">]>${authnRequest}`)).toEqual({
      ok: false,
      reason: 'doctype',
    });
  });

  it('refuses a RelayState over the limit, counted in bytes', () => {
    expect(checkRelayState('x'.repeat(REQUEST_LIMITS.relayStateBytes))).toEqual({ ok: true });
    expect(checkRelayState('é'.repeat(REQUEST_LIMITS.relayStateBytes / 2 + 1))).toEqual({
      ok: false,
      reason: 'relayStateTooLong',
    });
  });
});

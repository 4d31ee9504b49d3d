import { genesysMyPerformanceUrl } from '@bridge/contracts';
import { buildAssertionInput, checkLaunchTarget, NAME_ID_FORMAT_EMAIL } from './assertion';
import type { ServiceProvider } from './service-provider';

const sp: ServiceProvider = {
  entityId: 'genesys.cloud.acme',
  acsUrl: 'https://login.mypurecloud.com/saml',
  orgName: 'acme',
};
const now = new Date('2024-05-01T10:00:00.000Z');
const ids = { responseId: '_r1', assertionId: '_a1' };

describe('buildAssertionInput', () => {
  it('names the user by business email, addressed to the ACS URL and audience, answering the request', () => {
    const decision = buildAssertionInput(
      { userId: 'anna.oberg', businessEmail: ' anna@example.com ' },
      sp,
      now,
      ids,
      { kind: 'spInitiated', requestId: '_req', relayState: 'state' },
    );
    expect(decision).toEqual({
      ok: true,
      assertion: {
        responseId: '_r1',
        assertionId: '_a1',
        inResponseTo: '_req',
        destination: sp.acsUrl,
        recipient: sp.acsUrl,
        audience: 'genesys.cloud.acme',
        nameId: 'anna@example.com',
        nameIdFormat: NAME_ID_FORMAT_EMAIL,
        issueInstant: '2024-05-01T10:00:00.000Z',
        notBefore: '2024-05-01T09:59:55.000Z',
        notOnOrAfter: '2024-05-01T10:01:00.000Z',
        attributes: { OrganizationName: 'acme', email: 'anna@example.com' },
        relayState: 'state',
      },
    });
  });

  it('sends an unsolicited response with the launch target as ServiceName and RelayState', () => {
    const decision = buildAssertionInput({ userId: 'u', businessEmail: 'u@example.com' }, sp, now, ids, {
      kind: 'idpInitiated',
      target: 'directory',
    });
    if (!decision.ok) throw new Error('expected an assertion');
    expect(decision.assertion.inResponseTo).toBeUndefined();
    expect(decision.assertion.attributes.ServiceName).toBe('directory');
    expect(decision.assertion.relayState).toBe('directory');
  });

  it('gives no assertion to a user without a business email', () => {
    expect(buildAssertionInput({ userId: 'u' }, sp, now, ids, { kind: 'idpInitiated' })).toEqual({
      ok: false,
      reason: 'noBusinessEmail',
    });
  });

  it('names a user without a business email by the mailbox email, the address the sync gave them', () => {
    const decision = buildAssertionInput(
      { userId: 'u', businessEmail: null, mailboxEmail: 'u.mailbox@example.com' },
      sp,
      now,
      ids,
      { kind: 'idpInitiated' },
    );
    if (!decision.ok) throw new Error('expected an assertion');
    expect(decision.assertion.nameId).toBe('u.mailbox@example.com');
  });

  it('does not fall back to the mailbox email when the business email is malformed, as the sync does not', () => {
    expect(
      buildAssertionInput(
        { userId: 'u', businessEmail: 'not an email', mailboxEmail: 'u@example.com' },
        sp,
        now,
        ids,
        { kind: 'idpInitiated' },
      ),
    ).toEqual({ ok: false, reason: 'invalidBusinessEmail' });
  });

  it('gives no assertion to a user whose business email is not an address', () => {
    expect(
      buildAssertionInput({ userId: 'u', businessEmail: 'not an email' }, sp, now, ids, {
        kind: 'idpInitiated',
      }),
    ).toEqual({ ok: false, reason: 'invalidBusinessEmail' });
  });
});

describe('checkLaunchTarget', () => {
  it.each([
    'directory',
    'https://apps.mypurecloud.com/directory/#/',
    'https://mypurecloud.com/',
    undefined,
    '',
  ])('accepts %p on the org’s region', (target) => {
    expect(checkLaunchTarget(target, sp).ok).toBe(true);
  });

  it.each([
    'https://evil.example/x',
    'http://apps.mypurecloud.com/directory',
    'https://apps.mypurecloud.de/directory',
    'https://apps.mypurecloud.com.au/',
    'https://evilmypurecloud.com/',
    'https://apps.mypurecloud.com@evil.example/',
    'https://user:pw@apps.mypurecloud.com/',
    'javascript:alert(1)',
    '//evil.example',
    '<b>x</b>',
    'x'.repeat(3000),
  ])('refuses %p', (target) => {
    expect(checkLaunchTarget(target, sp).ok).toBe(false);
  });

  it('accepts the Inbox icon’s My Performance page of the org’s region as the launch target (issue 19)', () => {
    const eu = { ...sp, acsUrl: 'https://login.euc2.pure.cloud/saml' };
    expect(checkLaunchTarget(genesysMyPerformanceUrl('eu_central_2'), eu)).toEqual({
      ok: true,
      target: genesysMyPerformanceUrl('eu_central_2'),
    });
    expect(checkLaunchTarget(genesysMyPerformanceUrl('us_east_1'), eu).ok).toBe(false);
  });

  it('takes the region from the ACS URL', () => {
    const eu = { ...sp, acsUrl: 'https://login.euc2.pure.cloud/saml' };
    expect(checkLaunchTarget('https://apps.euc2.pure.cloud/directory', eu).ok).toBe(true);
    expect(checkLaunchTarget('https://apps.mypurecloud.com/directory', eu).ok).toBe(false);
  });
});

import type { ServiceProvider } from './service-provider';
import { CLOCK_SKEW_MS } from './validity';

/** How long after its IssueInstant an AuthnRequest may still start a login. */
export const AUTHN_REQUEST_MAX_AGE_MS = 10 * 60_000;

/** The fields of an AuthnRequest the IdP acts on, as the SAML library extracted them. */
export interface AuthnRequestFacts {
  readonly id?: string;
  readonly issuer?: string;
  readonly issueInstant?: string;
  readonly destination?: string;
  readonly acsUrl?: string;
  /** The `IsPassive` attribute as written (`true`, `1`, …), if present. */
  readonly isPassive?: string;
}

/** What the AuthnRequest must agree with: the one SP this IdP serves, and the IdP's own SSO URL. */
export interface AuthnRequestExpectations {
  readonly sp: ServiceProvider;
  readonly ssoUrl: string;
}

export type AuthnRequestCheck =
  | {
      readonly ok: true;
      readonly requestId: string;
      /** The SP asked not to interact with the user: answer at once with a NoPassive status, never a form. */
      readonly passive: boolean;
    }
  | {
      readonly ok: false;
      readonly reason:
        | 'missingId'
        | 'invalidId'
        | 'unknownServiceProvider'
        | 'unexpectedAcsUrl'
        | 'unexpectedDestination'
        | 'missingIssueInstant'
        | 'staleRequest';
    };

/**
 * An xsd:ID as SAML core requires of a request ID (an NCName; the ASCII subset, which SPs use), of bounded
 * length. It becomes InResponseTo in the signed Response, so nothing else may get through: a brace would be read
 * as a template placeholder there, markup would be escaped into a different value.
 */
const REQUEST_ID = /^[A-Za-z_][A-Za-z0-9_.-]{0,255}$/;

/**
 * Whether an AuthnRequest may start a login: it names the one SP this IdP serves, asks for the configured ACS URL
 * (an attacker must not choose where the assertion goes), was sent to this IdP if it says where it was sent
 * (SAML core §3.2.1), and is recent by its required IssueInstant. Replays are the ledger's job.
 */
export function checkAuthnRequest(
  request: AuthnRequestFacts,
  expected: AuthnRequestExpectations,
  now: Date,
): AuthnRequestCheck {
  if (request.id === undefined || request.id === '') return { ok: false, reason: 'missingId' };
  if (!REQUEST_ID.test(request.id)) return { ok: false, reason: 'invalidId' };
  if (request.issuer !== expected.sp.entityId) return { ok: false, reason: 'unknownServiceProvider' };
  if (request.acsUrl !== undefined && request.acsUrl !== '' && request.acsUrl !== expected.sp.acsUrl)
    return { ok: false, reason: 'unexpectedAcsUrl' };
  if (request.destination !== undefined && request.destination !== expected.ssoUrl)
    return { ok: false, reason: 'unexpectedDestination' };
  if (request.issueInstant === undefined || request.issueInstant === '')
    return { ok: false, reason: 'missingIssueInstant' };
  const issued = Date.parse(request.issueInstant);
  const age = now.getTime() - issued;
  if (Number.isNaN(issued) || age > AUTHN_REQUEST_MAX_AGE_MS || age < -CLOCK_SKEW_MS)
    return { ok: false, reason: 'staleRequest' };
  return {
    ok: true,
    requestId: request.id,
    passive: request.isPassive === 'true' || request.isPassive === '1',
  };
}

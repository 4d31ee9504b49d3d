import type { ServiceProvider } from './service-provider';
import { CLOCK_SKEW_MS } from './validity';

/** How long after its IssueInstant an AuthnRequest may still start a login. */
export const AUTHN_REQUEST_MAX_AGE_MS = 10 * 60_000;

/** The fields of an AuthnRequest the IdP acts on, as the SAML library extracted them. */
export interface AuthnRequestFacts {
  readonly id?: string;
  readonly issuer?: string;
  readonly issueInstant?: string;
  readonly acsUrl?: string;
}

export type AuthnRequestCheck =
  | { readonly ok: true; readonly requestId: string }
  | {
      readonly ok: false;
      readonly reason:
        'missingId' | 'invalidId' | 'unknownServiceProvider' | 'unexpectedAcsUrl' | 'staleRequest';
    };

/**
 * An xsd:ID as SAML core requires of a request ID (an NCName; the ASCII subset, which SPs use), of bounded
 * length. It becomes InResponseTo in the signed Response, so nothing else may get through: a brace would be read
 * as a template placeholder there, markup would be escaped into a different value.
 */
const REQUEST_ID = /^[A-Za-z_][A-Za-z0-9_.-]{0,255}$/;

/**
 * Whether an AuthnRequest may start a login: it names the one SP this IdP serves, asks for the configured ACS URL
 * (an attacker must not choose where the assertion goes) and is recent. Replays are the ledger's job.
 */
export function checkAuthnRequest(
  request: AuthnRequestFacts,
  sp: ServiceProvider,
  now: Date,
): AuthnRequestCheck {
  if (request.id === undefined || request.id === '') return { ok: false, reason: 'missingId' };
  if (!REQUEST_ID.test(request.id)) return { ok: false, reason: 'invalidId' };
  if (request.issuer !== sp.entityId) return { ok: false, reason: 'unknownServiceProvider' };
  if (request.acsUrl !== undefined && request.acsUrl !== '' && request.acsUrl !== sp.acsUrl)
    return { ok: false, reason: 'unexpectedAcsUrl' };
  if (request.issueInstant !== undefined) {
    const issued = Date.parse(request.issueInstant);
    const age = now.getTime() - issued;
    if (Number.isNaN(issued) || age > AUTHN_REQUEST_MAX_AGE_MS || age < -CLOCK_SKEW_MS)
      return { ok: false, reason: 'staleRequest' };
  }
  return { ok: true, requestId: request.id };
}

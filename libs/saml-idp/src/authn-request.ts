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
      readonly reason: 'missingId' | 'unknownServiceProvider' | 'unexpectedAcsUrl' | 'staleRequest';
    };

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

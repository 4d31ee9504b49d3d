import { userEmailOf } from '@bridge/contracts';
import type { ServiceProvider } from './service-provider';
import { validityWindow } from './validity';

export const NAME_ID_FORMAT_EMAIL = 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress';

/** What CIC told us about the user who just authenticated. */
export interface CicIdentity {
  readonly userId: string;
  readonly businessEmail?: string | null;
  /** The mailbox email, which stands in for an absent business email as it does in the sync. */
  readonly mailboxEmail?: string | null;
}

/** Fresh random ids for the Response and the Assertion (XML ids must not start with a digit). */
export interface AssertionIds {
  readonly responseId: string;
  readonly assertionId: string;
}

/** How the login started: from the SP's AuthnRequest, or from the CIC client (unsolicited). */
export type LoginStart =
  | { readonly kind: 'spInitiated'; readonly requestId: string; readonly relayState?: string }
  | { readonly kind: 'idpInitiated'; readonly target?: string };

/** Everything the signed Response says; the adapter only renders and signs it. */
export interface AssertionInput {
  readonly responseId: string;
  readonly assertionId: string;
  /** Absent for an IdP-initiated (unsolicited) Response. */
  readonly inResponseTo?: string;
  readonly destination: string;
  readonly recipient: string;
  readonly audience: string;
  readonly nameId: string;
  readonly nameIdFormat: string;
  readonly issueInstant: string;
  readonly notBefore: string;
  readonly notOnOrAfter: string;
  /** The attribute names Genesys Cloud reads (case-sensitive). */
  readonly attributes: {
    readonly OrganizationName: string;
    readonly email: string;
    readonly ServiceName?: string;
  };
  readonly relayState?: string;
}

export type AssertionDecision =
  | { readonly ok: true; readonly assertion: AssertionInput }
  | { readonly ok: false; readonly reason: 'noBusinessEmail' | 'invalidBusinessEmail' };

/**
 * Decides the content of the Response for `user` signing in to `sp` at `now`. A user without a usable business
 * email gets a reason instead of an assertion: Genesys Cloud would refuse a NameID it has no user for.
 */
export function buildAssertionInput(
  user: CicIdentity,
  sp: ServiceProvider,
  now: Date,
  ids: AssertionIds,
  start: LoginStart,
): AssertionDecision {
  // The NameID must be the email the sync gave the user's Genesys account, so the same rule decides it.
  const email = userEmailOf({
    businessEmail: user.businessEmail ?? undefined,
    mailboxEmail: user.mailboxEmail ?? undefined,
  });
  if (!email.ok) return email;
  const window = validityWindow(now);
  const base = {
    responseId: ids.responseId,
    assertionId: ids.assertionId,
    destination: sp.acsUrl,
    recipient: sp.acsUrl,
    audience: sp.entityId,
    nameId: email.email,
    nameIdFormat: NAME_ID_FORMAT_EMAIL,
    ...window,
  };
  switch (start.kind) {
    case 'spInitiated':
      return {
        ok: true,
        assertion: {
          ...base,
          inResponseTo: start.requestId,
          attributes: { OrganizationName: sp.orgName, email: email.email },
          ...(start.relayState === undefined ? {} : { relayState: start.relayState }),
        },
      };
    case 'idpInitiated':
      return {
        ok: true,
        assertion: {
          ...base,
          attributes: {
            OrganizationName: sp.orgName,
            email: email.email,
            ...(start.target === undefined ? {} : { ServiceName: start.target }),
          },
          ...(start.target === undefined ? {} : { relayState: start.target }),
        },
      };
  }
}

const KEYWORD = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;

/**
 * The Genesys Cloud domain of the org's region, read off its ACS URL (`https://login.<region host>/saml`): the
 * region's pages are that host and its subdomains (`apps.mypurecloud.com`).
 */
function genesysDomainOf(sp: ServiceProvider): string {
  return new URL(sp.acsUrl).hostname.replace(/^login\./, '');
}

/**
 * An IdP-initiated launch target: a Genesys keyword (`directory`) or an https URL on the org's Genesys Cloud
 * region. It becomes RelayState and ServiceName in a signed Response, so anything else is refused rather than
 * passed on: the launch link cannot send the user to another site or smuggle markup or script URLs into the SP.
 */
export function checkLaunchTarget(
  target: string | undefined,
  sp: ServiceProvider,
): { ok: true; target?: string } | { ok: false } {
  if (target === undefined || target === '') return { ok: true };
  if (target.length > 2048) return { ok: false };
  if (KEYWORD.test(target)) return { ok: true, target };
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    return { ok: false };
  }
  const domain = genesysDomainOf(sp);
  const onRegion = url.hostname === domain || url.hostname.endsWith(`.${domain}`);
  return url.protocol === 'https:' && onRegion && url.username === '' && url.password === ''
    ? { ok: true, target }
    : { ok: false };
}

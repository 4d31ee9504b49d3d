/**
 * The SAML identity provider's rules, as pure functions: what an assertion says, whether an AuthnRequest may
 * start a login, login throttling and request-id replay bookkeeping. No I/O; the clock is passed in.
 */
export {
  /** Decides the Response's content for a CIC user, or why that user cannot sign in. */
  buildAssertionInput,
  /** Accepts a Genesys keyword or an https URL on the org's region as an IdP-initiated launch target. */
  checkLaunchTarget,
  /** The NameID format Genesys Cloud expects: the user's email. */
  NAME_ID_FORMAT_EMAIL,
  type AssertionDecision,
  type AssertionIds,
  type AssertionInput,
  type CicIdentity,
  type LoginStart,
} from './assertion';
/** Whether an AuthnRequest names our SP, its ACS URL and our SSO URL, is recent, and asks to be passive. */
export {
  AUTHN_REQUEST_MAX_AGE_MS,
  checkAuthnRequest,
  type AuthnRequestCheck,
  type AuthnRequestExpectations,
  type AuthnRequestFacts,
} from './authn-request';
/** The status-only Response that answers a passive AuthnRequest. */
export { noPassiveResponse, type StatusResponseInput } from './status-response';
/** How large an AuthnRequest and its RelayState may be, checked before each costlier step. */
export {
  checkAuthnRequestXml,
  checkEncodedSamlRequest,
  checkRelayState,
  REQUEST_LIMITS,
  type RequestLimitCheck,
} from './request-limits';
/** The IdP's in-memory tables hold a bounded number of entries, the oldest evicted first. */
export { CappedMap, TABLE_CAPACITY } from './capped-map';
/** Remembers answered AuthnRequest ids so a replayed one is refused. */
export { RequestIdLedger } from './request-ids';
/** The Genesys Cloud org as a service provider, and its region's ACS URL. */
export { acsUrlForRegion, defaultSpEntityId, type ServiceProvider } from './service-provider';
/** Per-user and per-address login throttling. */
export {
  ADDRESS_THROTTLE,
  isForgotten,
  LOGIN_FORM_ATTEMPTS,
  reserveAttempt,
  settleAttempt,
  throttleDecision,
  USER_THROTTLE,
  type ThrottleDecision,
  type ThrottlePolicy,
  type ThrottleState,
} from './throttle';
/** The assertion's validity window and the clock skew Genesys Cloud tolerates. */
export { ASSERTION_LIFETIME_MS, CLOCK_SKEW_MS, validityWindow, type ValidityWindow } from './validity';

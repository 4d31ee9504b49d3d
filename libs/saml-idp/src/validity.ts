/**
 * Genesys Cloud tolerates at most 10 s of clock skew between itself and the IdP. The assertion's window starts a
 * little before "now" so an SP whose clock runs behind ours still accepts it, and ends soon after, because a
 * bearer assertion is only meant to travel from the browser's auto-POST to the ACS.
 */
export const CLOCK_SKEW_MS = 10_000;
export const NOT_BEFORE_MARGIN_MS = 5_000;
export const ASSERTION_LIFETIME_MS = 60_000;

export interface ValidityWindow {
  readonly issueInstant: string;
  readonly notBefore: string;
  readonly notOnOrAfter: string;
}

/** The IssueInstant, NotBefore and NotOnOrAfter of an assertion issued at `now`. */
export function validityWindow(now: Date): ValidityWindow {
  const at = now.getTime();
  return {
    issueInstant: new Date(at).toISOString(),
    notBefore: new Date(at - NOT_BEFORE_MARGIN_MS).toISOString(),
    notOnOrAfter: new Date(at + ASSERTION_LIFETIME_MS).toISOString(),
  };
}

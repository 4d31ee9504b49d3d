import { CIC_TEXT_LIMITS } from '../cic/cic-objects';

/**
 * The business email rule of DESIGN §1, in one place: the Genesys userName of a synced user (libs/mapping), and
 * the SAML NameID the IdP signs for them (libs/saml-idp). It lives in the contracts because two services apply it
 * and must never disagree about who has an email, while their scopes share nothing else.
 */

// Deliberately loose: one @, no spaces, a dot in the domain. Genesys Cloud and the admin's mail system are the
// real judges; this only keeps obvious typos ("jsmith", "jsmith@") from becoming SCIM userNames.
const plausibleEmail = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export type BusinessEmail =
  | { readonly ok: true; readonly email: string }
  | { readonly ok: false; readonly reason: 'noBusinessEmail' | 'invalidBusinessEmail' };

/** The user's business email, trimmed, or why it cannot be used. */
export function businessEmailOf(email: string | undefined | null): BusinessEmail {
  const trimmed = email?.trim() ?? '';
  if (trimmed === '') return { ok: false, reason: 'noBusinessEmail' };
  // Before the pattern, which is quadratic on long input with many '@' and '.': nothing longer is an address.
  if (trimmed.length > CIC_TEXT_LIMITS.email) return { ok: false, reason: 'invalidBusinessEmail' };
  if (!plausibleEmail.test(trimmed)) return { ok: false, reason: 'invalidBusinessEmail' };
  return { ok: true, email: trimmed };
}

export type UserEmail =
  | { readonly ok: true; readonly email: string; readonly fromMailbox: boolean }
  | { readonly ok: false; readonly reason: 'noBusinessEmail' | 'invalidBusinessEmail' };

/**
 * The email a CIC user is synced under: the business email, or, only when that is absent, the mailbox email
 * (reference §3.3: Personal Info's address is the business one, the mailbox one the fallback). A malformed business
 * email does not fall back: the admin has a typo to fix, and syncing under another address would hide it. A
 * mailbox email that is missing or malformed leaves the user with no email.
 */
export function userEmailOf(user: {
  readonly businessEmail?: string | undefined;
  readonly mailboxEmail?: string | undefined;
}): UserEmail {
  const business = businessEmailOf(user.businessEmail);
  if (business.ok) return { ...business, fromMailbox: false };
  if (business.reason === 'invalidBusinessEmail') return business;
  const mailbox = businessEmailOf(user.mailboxEmail);
  return mailbox.ok ? { ...mailbox, fromMailbox: true } : business;
}

/**
 * The form two emails are compared in. Genesys Cloud treats user names case-insensitively ([INF], as mail
 * systems do), so "Ann@x.com" and "ann@x.com" are one Genesys user and count as a shared email.
 */
export function emailKey(email: string): string {
  return email.toLowerCase();
}

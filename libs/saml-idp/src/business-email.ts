/**
 * The rule the bridge uses to decide whether a CIC user is synced to Genesys Cloud: a user without a usable
 * business email is "not synced" (DESIGN §1), so Genesys Cloud has no user to sign in as. The IdP applies the
 * same rule instead of asking the bridge's state, so it needs neither NATS nor Postgres; a user the bridge
 * failed to deliver is caught by Genesys Cloud itself, which refuses an unknown NameID.
 */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export type BusinessEmail =
  | { readonly ok: true; readonly email: string }
  | { readonly ok: false; readonly reason: 'noBusinessEmail' | 'invalidBusinessEmail' };

/** The user's business email as the NameID, or why the user cannot sign in to Genesys Cloud. */
export function businessEmailOf(email: string | undefined | null): BusinessEmail {
  const trimmed = email?.trim() ?? '';
  if (trimmed === '') return { ok: false, reason: 'noBusinessEmail' };
  if (!EMAIL.test(trimmed)) return { ok: false, reason: 'invalidBusinessEmail' };
  return { ok: true, email: trimmed };
}

import type { CicIdentity } from '@bridge/saml-idp';

export type CicCredentials =
  | { readonly userId: string; readonly password: string }
  | { readonly authToken: string; readonly authTokenSeed?: string };

/** `rejected`: CIC refused the credentials (wrong password, unknown user, used or expired token). */
export type CicSignIn =
  | { readonly kind: 'signedIn'; readonly identity: CicIdentity }
  | { readonly kind: 'rejected' }
  | { readonly kind: 'unavailable'; readonly detail: string };

/** The port the login flow uses to prove a user's CIC credentials and learn their business email. */
export interface CicDirectory {
  signIn(credentials: CicCredentials): Promise<CicSignIn>;
}

export const CIC_DIRECTORY = Symbol('CIC_DIRECTORY');

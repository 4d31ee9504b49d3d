import type { ServiceProvider } from '@bridge/saml-idp';
import type { SigningKeys } from './signing-keys';

/** What the Nest module needs, parsed from config.ts by main.ts or built by a test. */
export interface SsoSettings {
  readonly baseUrl: string;
  readonly entityId: string;
  readonly sp: ServiceProvider;
  readonly keys: SigningKeys;
  readonly secureCookies: boolean;
}

export const SSO_SETTINGS = Symbol('SSO_SETTINGS');

import type { ServiceProvider } from '@bridge/saml-idp';
import type { SigningKeys } from './signing-keys';

/** What the Nest module needs, parsed from config.ts by main.ts or built by a test. */
export interface SsoSettings {
  readonly baseUrl: string;
  readonly entityId: string;
  readonly sp: ServiceProvider;
  readonly keys: SigningKeys;
  readonly secureCookies: boolean;
  /** Express's `trust proxy`: the client address is read from X-Forwarded-For past these proxies. */
  readonly trustProxy: TrustedProxies;
}

/** No proxy, a hop count, or the proxies' addresses, CIDR ranges and express names. */
export type TrustedProxies = false | number | readonly string[];

export const SSO_SETTINGS = Symbol('SSO_SETTINGS');

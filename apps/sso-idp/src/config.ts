import {
  bindHost,
  ConfigError,
  flag,
  loadConfig,
  port,
  telemetryVariables,
  url,
  urlList,
} from '@bridge/config';
import { genesysRegions } from '@bridge/contracts';
import { acsUrlForRegion, defaultSpEntityId, type ServiceProvider } from '@bridge/saml-idp';
import { isIP } from 'node:net';
import { z } from 'zod';
import type { TrustedProxies } from './sso-settings';

const schema = z.object({
  ...telemetryVariables,
  IDP_PORT: port(8090),
  IDP_HOST: bindHost(),
  /** Where browsers reach this IdP; the SSO, login and launch URLs are built on it. */
  IDP_BASE_URL: url(['http', 'https']).default('http://127.0.0.1:8090'),
  /** The IdP's entity id = Genesys' "Issuer URI". Default `<IDP_BASE_URL>/saml/metadata`. */
  IDP_ENTITY_ID: z.string().min(1).optional(),
  CIC_SERVERS: urlList(['http', 'https'], 'http://127.0.0.1:8018'),
  /** The Genesys Cloud org short name (`OrganizationName`). */
  GC_ORG_NAME: z.string().min(1).default('bridge-sandbox'),
  GC_REGION: z.enum(genesysRegions).optional(),
  /** Genesys Cloud login base URL; the ACS URL is `<GC_LOGIN_URL>/saml`. Default: the simulator, or GC_REGION's. */
  GC_LOGIN_URL: url(['http', 'https']).optional(),
  /** SP entity id = "Relying Party Identifier". Default `genesys.cloud.<GC_ORG_NAME>`. */
  IDP_SP_ENTITY_ID: z.string().min(1).optional(),
  /** Overrides the ACS URL derived from GC_LOGIN_URL / GC_REGION. */
  IDP_SP_ACS_URL: url(['http', 'https']).optional(),
  /** Signing key and certificate as PEM files; IDP_KEY_PEM / IDP_CERT_PEM give them inline instead. */
  IDP_KEY_FILE: z.string().min(1).optional(),
  IDP_CERT_FILE: z.string().min(1).optional(),
  IDP_KEY_PEM: z.string().min(1).optional(),
  IDP_CERT_PEM: z.string().min(1).optional(),
  /** The next certificate, published in the metadata ahead of a key rollover. */
  IDP_NEXT_CERT_FILE: z.string().min(1).optional(),
  /**
   * Sandbox mode generates a key pair (and a next one) into IDP_DATA_DIR when none is configured, and lets the
   * ACS URL default to the Genesys Cloud simulator's. Refused when the configuration looks like production.
   */
  IDP_SANDBOX: flag(true),
  /** `production` (the container image sets it) marks a production configuration. */
  NODE_ENV: z.string().optional(),
  IDP_DATA_DIR: z.string().min(1).default('tmp/sso-idp'),
  /**
   * The reverse proxies in front of the IdP, whose X-Forwarded-For is believed: a hop count, or a list of
   * addresses, CIDR ranges or express's names (`loopback`, `linklocal`, `uniquelocal`). Unset: none.
   */
  IDP_TRUSTED_PROXIES: z
    .string()
    .trim()
    .default('')
    .transform((value, context) => {
      const proxies = trustedProxies(value);
      if (proxies !== undefined) return proxies;
      context.addIssue({
        code: 'custom',
        message: 'expected a hop count or a list of addresses and CIDR ranges',
      });
      return z.NEVER;
    }),
});

const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** Express's `trust proxy` value for IDP_TRUSTED_PROXIES; never `true`, which would believe any client. */
function trustedProxies(value: string): TrustedProxies | undefined {
  if (value === '') return false;
  if (/^\d+$/.test(value)) return Number(value);
  const entries = value.split(',').map((part) => part.trim());
  const valid = entries.every((entry) => {
    if (PROXY_NAMES.has(entry)) return true;
    const [address = '', prefix, ...rest] = entry.split('/');
    const family = isIP(address);
    if (family === 0 || rest.length > 0) return false;
    return prefix === undefined || (/^\d+$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128));
  });
  return valid ? entries : undefined;
}

type Env = z.infer<typeof schema>;

/**
 * Why the configuration looks like a production one, where generated sandbox keys and the simulator's ACS URL
 * have no place: browsers reach the IdP over https, a real Genesys Cloud region is named, or NODE_ENV says so.
 */
function productionSigns(env: Env): string[] {
  return [
    ...(env.IDP_BASE_URL.startsWith('https:') ? ['IDP_BASE_URL is https'] : []),
    ...(env.GC_REGION ? [`GC_REGION is ${env.GC_REGION}`] : []),
    ...(env.NODE_ENV === 'production' ? ['NODE_ENV is production'] : []),
  ];
}

/** The ACS URL: explicit, else the login URL's, else the region's, else the Genesys Cloud simulator's. */
function acsUrl(env: Env): string {
  if (env.IDP_SP_ACS_URL) return env.IDP_SP_ACS_URL;
  if (env.GC_LOGIN_URL) return `${env.GC_LOGIN_URL.replace(/\/+$/, '')}/saml`;
  if (env.GC_REGION) return acsUrlForRegion(env.GC_REGION);
  return 'http://127.0.0.1:8700/saml';
}

/** sso-idp's environment, parsed and checked (README.md); main.ts calls it once at start. */
export function readSsoIdpConfig(env: Readonly<Record<string, string | undefined>>) {
  const parsed = loadConfig('sso-idp', schema, env);
  const signs = productionSigns(parsed);
  // The simulator's ACS URL on the user's own machine is a sandbox default only.
  if (
    (!parsed.IDP_SANDBOX || signs.length > 0) &&
    !parsed.IDP_SP_ACS_URL &&
    !parsed.GC_LOGIN_URL &&
    !parsed.GC_REGION
  )
    throw new ConfigError('sso-idp', [
      `GC_REGION, GC_LOGIN_URL or IDP_SP_ACS_URL: one is required outside sandbox mode${signs.length > 0 ? ` (${signs.join(', ')})` : ''} (all unset)`,
    ]);
  const baseUrl = parsed.IDP_BASE_URL.replace(/\/+$/, '');
  const sp: ServiceProvider = {
    entityId: parsed.IDP_SP_ENTITY_ID ?? defaultSpEntityId(parsed.GC_ORG_NAME),
    acsUrl: acsUrl(parsed),
    orgName: parsed.GC_ORG_NAME,
  };
  return Object.freeze({
    ...parsed,
    IDP_BASE_URL: baseUrl,
    entityId: parsed.IDP_ENTITY_ID ?? `${baseUrl}/saml/metadata`,
    sp,
    /** Cookies are Secure when browsers reach the IdP over https. */
    secureCookies: baseUrl.startsWith('https:'),
    trustProxy: parsed.IDP_TRUSTED_PROXIES,
    /** Non-empty: sandbox keys must be neither generated nor used. */
    productionSigns: signs,
  });
}

export type SsoIdpConfig = ReturnType<typeof readSsoIdpConfig>;

export const SSO_IDP_CONFIG = Symbol('SsoIdpConfig');

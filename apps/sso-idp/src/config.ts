import { bindHost, flag, loadConfig, port, telemetryVariables, url, urlList } from '@bridge/config';
import { acsUrlForRegion, defaultSpEntityId, GENESYS_REGIONS, type ServiceProvider } from '@bridge/saml-idp';
import { z } from 'zod';

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
  GC_REGION: z.enum(GENESYS_REGIONS as [string, ...string[]]).optional(),
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
  /** Sandbox mode generates a key pair (and a next one) into IDP_DATA_DIR when none is configured. */
  IDP_SANDBOX: flag(true),
  IDP_DATA_DIR: z.string().min(1).default('tmp/sso-idp'),
});

type Env = z.infer<typeof schema>;

/** The ACS URL: explicit, else the login URL's, else the region's, else the Genesys Cloud simulator's. */
function acsUrl(env: Env): string {
  if (env.IDP_SP_ACS_URL) return env.IDP_SP_ACS_URL;
  if (env.GC_LOGIN_URL) return `${env.GC_LOGIN_URL.replace(/\/+$/, '')}/saml`;
  if (env.GC_REGION) return acsUrlForRegion(env.GC_REGION) ?? 'http://127.0.0.1:8700/saml';
  return 'http://127.0.0.1:8700/saml';
}

export function parseConfig(env: Readonly<Record<string, string | undefined>>) {
  const parsed = loadConfig('sso-idp', schema, env);
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
  });
}

export type SsoIdpConfig = ReturnType<typeof parseConfig>;

/** sso-idp's environment, parsed once at start (README.md). */
export const config: SsoIdpConfig = parseConfig(process.env);

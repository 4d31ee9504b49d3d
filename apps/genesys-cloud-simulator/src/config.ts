import { readFileSync } from 'node:fs';
import { loadConfig, port, positiveInt, url } from '@bridge/config';
import { z } from 'zod';
import type { GenesysCloudSimulatorOptions } from './server';

/** The simulator's environment variables, parsed once (README lists them). */
const schema = z.object({
  GC_SIM_PORT: port(8700),
  GC_SIM_HOST: z.string().default('127.0.0.1'),
  GC_SIM_CLIENT_ID: z.string().min(1).default('bridge-sandbox'),
  GC_SIM_CLIENT_SECRET: z.string().min(1).default('bridge-sandbox-secret'),
  GC_SIM_TOKEN_TTL_SECONDS: positiveInt(86400),
  GC_SIM_RATE_LIMIT_PER_MINUTE: positiveInt(300),
  GC_SIM_CLOCK_SCALE: z.coerce.number().positive().default(1),
  GC_SIM_WFM_PROCESSING_MS: z.coerce.number().int().min(0).default(0),
  GC_SIM_ORG_NAME: z.string().min(1).default('bridge-sandbox'),
  GC_SIM_IDP_CERT_FILE: z.string().optional(),
  GC_SIM_IDP_SSO_URL: url(['http', 'https']).optional(),
  GC_SIM_IDP_ENTITY_ID: z.string().optional(),
  GC_SIM_SP_ENTITY_ID: z.string().optional(),
  GC_SIM_ACS_URL: url(['http', 'https']).optional(),
  LOG_LEVEL: z.string().default('info'),
});

export type GenesysCloudSimulatorConfig = Readonly<z.infer<typeof schema>>;

/** Splits a PEM bundle into its certificates (GC_SIM_IDP_CERT_FILE may hold up to 5). */
export function splitPemBundle(text: string): string[] {
  const certs = text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g);
  return certs ?? (text.trim() === '' ? [] : [text.trim()]);
}

/** Parses the simulator's environment; main.ts calls it once, with `process.env`. */
export function readGenesysCloudSimulatorConfig(
  env: Readonly<Record<string, string | undefined>>,
): GenesysCloudSimulatorConfig {
  return loadConfig('genesys-cloud-simulator', schema, env);
}

/** The simulator's options from its config; reads the IdP certificates from GC_SIM_IDP_CERT_FILE, if set. */
export function simulatorOptionsOf(config: GenesysCloudSimulatorConfig): GenesysCloudSimulatorOptions {
  const certs = config.GC_SIM_IDP_CERT_FILE
    ? splitPemBundle(readFileSync(config.GC_SIM_IDP_CERT_FILE, 'utf8'))
    : [];
  return {
    port: config.GC_SIM_PORT,
    host: config.GC_SIM_HOST,
    clients: [
      {
        clientId: config.GC_SIM_CLIENT_ID,
        clientSecret: config.GC_SIM_CLIENT_SECRET,
        accessTokenValiditySeconds: config.GC_SIM_TOKEN_TTL_SECONDS,
      },
    ],
    rateLimitPerMinute: config.GC_SIM_RATE_LIMIT_PER_MINUTE,
    clockScale: config.GC_SIM_CLOCK_SCALE,
    wfmProcessingMs: config.GC_SIM_WFM_PROCESSING_MS,
    orgName: config.GC_SIM_ORG_NAME,
    logLevel: config.LOG_LEVEL,
    saml:
      certs.length > 0
        ? {
            certs,
            ssoUrl: config.GC_SIM_IDP_SSO_URL,
            entityId: config.GC_SIM_IDP_ENTITY_ID,
            spEntityId: config.GC_SIM_SP_ENTITY_ID,
            acsUrl: config.GC_SIM_ACS_URL,
          }
        : undefined,
  };
}

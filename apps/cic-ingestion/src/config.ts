import {
  bindHost,
  databaseVariables,
  inboxVariables,
  loadConfig,
  natsVariables,
  port,
  positiveInt,
  telemetryVariables,
  url,
  urlList,
} from '@bridge/config';
import { genesysRegions } from '@bridge/contracts';
import { DEFAULT_MAX_RESPONSE_BYTES } from '@bridge/icws-client';
import { z } from 'zod';

const schema = z.object({
  ...natsVariables,
  ...databaseVariables,
  ...telemetryVariables,
  CIC_INGESTION_PORT: port(8101),
  CIC_INGESTION_HOST: bindHost(),
  /** The CIC server, or the switchover pair primary first; defaults to the CIC simulator. */
  CIC_SERVERS: urlList(['http', 'https'], 'http://127.0.0.1:8018'),
  /** The admin account ingestion signs in with (the PureCloudAdmin user); no defaults. */
  CIC_USER: z.string().min(1),
  CIC_PASSWORD: z.string().min(1),
  /** Read messages by short polling even when the server offers server-sent events (diagnostics, benchmarks). */
  CIC_MESSAGE_RETRIEVAL: z.enum(['auto', 'polling']).default('auto'),
  /** The longest ICWS answer (or server-sent event) accepted, in bytes; a longer one is refused as it streams. */
  CIC_MAX_RESPONSE_BYTES: positiveInt(DEFAULT_MAX_RESPONSE_BYTES),
  ...inboxVariables,
  /** Where agents reach the IdP (sso-idp's IDP_BASE_URL): the Inbox icon opens its launch with My Performance. */
  INBOX_IDP_URL: url(['http', 'https']).default('http://127.0.0.1:8090'),
  /** The Genesys Cloud org's region, whose My Performance page the Inbox icon opens. */
  GC_REGION: z.enum(genesysRegions).default('us_east_1'),
});

/** cic-ingestion's settings (docs/configuration.md). */
export type CicIngestionConfig = Readonly<z.infer<typeof schema>>;

/** Parses cic-ingestion's environment; main.ts calls it once, with `process.env`. */
export function readCicIngestionConfig(
  env: Readonly<Record<string, string | undefined>>,
): CicIngestionConfig {
  return loadConfig('cic-ingestion', schema, env);
}

/** Injection token of the parsed config (AppModule.register provides it). */
export const CIC_INGESTION_CONFIG = Symbol('CicIngestionConfig');

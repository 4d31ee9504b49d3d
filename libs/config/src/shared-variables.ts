import { z } from 'zod';
import { namespace, optionalFile, optionalSecret, positiveInt, url } from './variables';

/**
 * The variables every bridge service reads (docs/configuration.md). Defaults serve one machine with both
 * simulators: DESIGN §4.
 */
export const natsVariables = {
  /** May carry credentials: `nats://user:password@host:4222` or `nats://token@host:4222`. */
  NATS_URL: url(['nats', 'tls']).default('nats://127.0.0.1:4222'),
  /** A NATS decentralised-auth credentials file (JWT and nkey seed), as `nsc` writes it. */
  NATS_CREDS_FILE: optionalFile(),
  /** A file holding an nkey seed (`SU…`) for nkey authentication. */
  NATS_NKEY_FILE: optionalFile(),
  /** A PEM file of the CA that signed the NATS server's certificate (TLS with a private CA). */
  NATS_CA_FILE: optionalFile(),
  /** Prefix of every stream and subject this deployment uses; lets several bridges (or test suites) share NATS. */
  NATS_NAMESPACE: namespace(),
};

export const databaseVariables = {
  DATABASE_URL: url(['postgres', 'postgresql']).default('postgres://postgres@127.0.0.1:5432/bridge'),
  /** Postgres schema holding this deployment's tables. */
  DATABASE_SCHEMA: namespace().transform((value) => (value === '' ? 'public' : value)),
};

export const telemetryVariables = {
  /** OTLP/HTTP endpoint of a trace collector (Jaeger, an OpenTelemetry Collector); unset turns tracing off. */
  OTEL_EXPORTER_OTLP_ENDPOINT: url(['http', 'https']).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
};

/**
 * The bearer token every operator endpoint requires (`Authorization: Bearer <token>`), in every service.
 * Unset, the operator endpoints refuse every request while the service itself runs.
 */
export const operatorVariables = {
  OPERATOR_TOKEN: optionalSecret(16),
};

/** A parsed config's NATS settings as `MessagingModule.forRoot` takes them, for the service named `name`. */
export function natsOptionsOf(
  config: {
    readonly NATS_URL: string;
    readonly NATS_NAMESPACE: string;
    readonly NATS_CREDS_FILE?: string | undefined;
    readonly NATS_NKEY_FILE?: string | undefined;
    readonly NATS_CA_FILE?: string | undefined;
  },
  name: string,
): {
  url: string;
  namespace: string;
  name: string;
  auth: { credsFile?: string; nkeyFile?: string; caFile?: string };
} {
  return {
    url: config.NATS_URL,
    namespace: config.NATS_NAMESPACE,
    name,
    auth: {
      ...(config.NATS_CREDS_FILE ? { credsFile: config.NATS_CREDS_FILE } : {}),
      ...(config.NATS_NKEY_FILE ? { nkeyFile: config.NATS_NKEY_FILE } : {}),
      ...(config.NATS_CA_FILE ? { caFile: config.NATS_CA_FILE } : {}),
    },
  };
}

/** The Genesys Cloud org, for every service that calls it (genesys-delivery, historical-upload). */
export const genesysVariables = {
  /** Genesys Cloud API and login base URLs (default: the simulator); GC_REGION wins when set. */
  GC_API_URL: url(['http', 'https']).default('http://127.0.0.1:8700'),
  GC_LOGIN_URL: url(['http', 'https']).default('http://127.0.0.1:8700'),
  GC_REGION: z.string().min(1).optional(),
  /** The OAuth client (client credentials). No defaults: npm start passes the simulator's. */
  GC_CLIENT_ID: z.string().min(1),
  GC_CLIENT_SECRET: z.string().min(1),
  GC_TIMEOUT_MS: positiveInt(10_000),
  /** The org's limit, shared by every worker of every instance of every service; 0 turns our bucket off. */
  GC_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).default(300),
  /** Bucket size; default: the limit itself (the org's bucket holds a minute's worth). */
  GC_RATE_BURST: z.coerce.number().int().positive().optional(),
};

/**
 * Inbox notifications (issue 19), as the guide's option: `on`, genesys-delivery listens to the synced agents' WFM
 * notifications and cic-ingestion passes them to the agents' CIC sessions; `off`, neither does. Both services read
 * it, so one switch stops the whole lane.
 */
export const inboxVariables = {
  INBOX_NOTIFICATIONS: z.enum(['on', 'off']).default('off'),
};

import { z } from 'zod';
import { namespace, url } from './variables';

/**
 * The variables every bridge service reads (docs/configuration.md). Defaults serve one machine with both
 * simulators: DESIGN §4.
 */
export const natsVariables = {
  NATS_URL: url(['nats', 'tls']).default('nats://127.0.0.1:4222'),
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

import {
  bindHost,
  databaseVariables,
  genesysVariables,
  loadConfig,
  natsVariables,
  operatorVariables,
  port,
  positiveInt,
  telemetryVariables,
} from '@bridge/config';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';

/** historical-upload's environment (docs/configuration.md). */
const historicalUploadConfigSchema = z.object({
  ...natsVariables,
  ...databaseVariables,
  ...telemetryVariables,
  ...operatorVariables,
  ...genesysVariables,
  HISTORICAL_UPLOAD_PORT: port(8104),
  HISTORICAL_UPLOAD_HOST: bindHost(),
  /** Days of history each upload carries (each upload replaces the org's active one). */
  HISTORICAL_UPLOAD_HISTORY_DAYS: positiveInt(90).pipe(z.number().max(3660)),
  /** The daily run, `HH:MM` in UTC. */
  HISTORICAL_UPLOAD_DAILY_AT: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:MM (UTC)')
    .default('02:00'),
  /** `off`: no daily run; uploads only when an operator asks. */
  HISTORICAL_UPLOAD_SCHEDULE: z.enum(['daily', 'off']).default('daily'),
  /** First wait between import status polls; it doubles up to the maximum. */
  HISTORICAL_UPLOAD_POLL_MS: positiveInt(10_000),
  HISTORICAL_UPLOAD_POLL_MAX_MS: positiveInt(15 * 60_000),
  /** Wait before a step that failed for a passing reason (network, 5xx, Postgres) is tried again. */
  HISTORICAL_UPLOAD_RETRY_MS: positiveInt(5_000),
  /** Where the CSV files are written before the upload. */
  HISTORICAL_UPLOAD_DIR: z.string().min(1).default(join(tmpdir(), 'bridge-historical-upload')),
  /** Event-store events read per projection transaction. */
  HISTORICAL_UPLOAD_BATCH: positiveInt(2_000).pipe(z.number().max(50_000)),
});

export type HistoricalUploadConfig = Readonly<z.infer<typeof historicalUploadConfigSchema>>;

/** Parses historical-upload's environment; main.ts does it once, at start. */
export function readHistoricalUploadConfig(
  env: Readonly<Record<string, string | undefined>>,
): HistoricalUploadConfig {
  return loadConfig('historical-upload', historicalUploadConfigSchema, env);
}

/** The injection token of the parsed HistoricalUploadConfig. */
export const HISTORICAL_UPLOAD_CONFIG = Symbol('HistoricalUploadConfig');

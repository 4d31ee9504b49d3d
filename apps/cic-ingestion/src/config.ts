import { databaseVariables, loadConfig, natsVariables, port, telemetryVariables } from '@bridge/config';
import { z } from 'zod';

/** cic-ingestion's environment, parsed once at start (docs/configuration.md). */
export const config = loadConfig(
  'cic-ingestion',
  z.object({
    ...natsVariables,
    ...databaseVariables,
    ...telemetryVariables,
    CIC_INGESTION_PORT: port(8101),
  }),
  process.env,
);

import { loadConfig, natsVariables, port, telemetryVariables } from '@bridge/config';
import { z } from 'zod';

/** object-mapping's environment, parsed once at start (docs/configuration.md). */
export const config = loadConfig(
  'object-mapping',
  z.object({ ...natsVariables, ...telemetryVariables, OBJECT_MAPPING_PORT: port(8102) }),
  process.env,
);

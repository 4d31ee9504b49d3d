import { loadConfig, port, positiveInt } from '@bridge/config';
import { z } from 'zod';

/**
 * The simulator's environment, parsed once. Command-line flags (cli-args.ts) override it; the defaults are what
 * the bridge's own defaults point at (CIC_SERVERS=http://127.0.0.1:8018, CIC_USER=PureCloudAdmin, CIC_PASSWORD=1234).
 */
const schema = z.object({
  CIC_SIM_PORT: port(8018),
  /** Set to run a switchover pair: the backup server listens here (8019 is CIC's HTTPS port, a natural pick). */
  CIC_SIM_BACKUP_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  CIC_SIM_HOST: z.string().min(1).default('127.0.0.1'),
  CIC_SIM_ADMIN_USER: z.string().min(1).default('PureCloudAdmin'),
  CIC_SIM_ADMIN_PASSWORD: z.string().min(1).default('1234'),
  /** Password of every generated user, and of users added through /sim without one. */
  CIC_SIM_USER_PASSWORD: z.string().min(1).default('1234'),
  /** 2 offers server-sent events; 1 makes clients poll. */
  CIC_SIM_MESSAGING_VERSION: z.coerce.number().int().min(1).max(2).default(2),
  CIC_SIM_PING_MS: positiveInt(15_000),
  /** Demo activity: status changes per minute across the whole center (0 = off); `--activity` overrides it. */
  CIC_SIM_ACTIVITY: z.coerce.number().min(0).max(100_000).default(0),
  /** Demo traffic: new ACD interactions per minute across the center, with a real center's lives (0 = off). */
  CIC_SIM_TRAFFIC: z.coerce.number().min(0).max(60_000).default(0),
  /**
   * Properties left out of every item, comma-separated `<type>.<path>` (`workgroups.isActive`): how a real server
   * renders NULLs, or a property name we inferred wrongly.
   */
  CIC_SIM_OMIT_PROPERTIES: z
    .string()
    .default('')
    .transform((raw) => raw.split(',').filter((entry) => entry.trim() !== '')),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type CicSimulatorConfig = Readonly<z.infer<typeof schema>>;

/** Parses the simulator's environment; main.ts calls it once, with `process.env`. */
export function readCicSimulatorConfig(
  env: Readonly<Record<string, string | undefined>>,
): CicSimulatorConfig {
  return loadConfig('cic-simulator', schema, env);
}

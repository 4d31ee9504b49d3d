import { createLogger } from '@bridge/telemetry';
import { parseCliArgs } from './cli-args';
import { readCicSimulatorConfig } from './config';
import { loadFixtureFile } from './fixture-file';
import { startCicSimulator } from './server';

async function main(): Promise<void> {
  const config = readCicSimulatorConfig(process.env);
  const logger = createLogger('cic-simulator', config.LOG_LEVEL);
  const args = parseCliArgs(process.argv.slice(2));
  if (!args.ok) {
    logger.fatal(args.message);
    process.exit(2);
  }
  const cli = args.value;
  const simulator = await startCicSimulator({
    ...(cli.fixture !== undefined
      ? { center: loadFixtureFile(cli.fixture, new Date()) }
      : { generate: cli.generate }),
    port: cli.port ?? config.CIC_SIM_PORT,
    ...((cli.backupPort ?? config.CIC_SIM_BACKUP_PORT) !== undefined
      ? { backupPort: cli.backupPort ?? config.CIC_SIM_BACKUP_PORT }
      : {}),
    host: config.CIC_SIM_HOST,
    messagingVersion: cli.messagingVersion ?? config.CIC_SIM_MESSAGING_VERSION,
    pingIntervalMs: config.CIC_SIM_PING_MS,
    adminUserId: config.CIC_SIM_ADMIN_USER,
    adminPassword: config.CIC_SIM_ADMIN_PASSWORD,
    defaultUserPassword: config.CIC_SIM_USER_PASSWORD,
    omitProperties: config.CIC_SIM_OMIT_PROPERTIES,
    activityPerMinute: cli.activity ?? config.CIC_SIM_ACTIVITY,
    trafficPerMinute: config.CIC_SIM_TRAFFIC,
    logger,
  });
  process.stdout.write(`CIC simulator: ${simulator.urls.join(' ')}\n`);
  const stop = (signal: string) => {
    logger.info({ signal }, 'shutting down');
    simulator.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});

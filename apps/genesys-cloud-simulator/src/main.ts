import { createLogger } from '@bridge/telemetry';
import { readGenesysCloudSimulatorConfig, simulatorOptionsOf } from './config';
import { startGenesysCloudSimulator } from './server';

async function main(): Promise<void> {
  const options = simulatorOptionsOf(readGenesysCloudSimulatorConfig(process.env));
  const logger = createLogger('genesys-cloud-simulator', options.logLevel ?? 'info');
  const sim = await startGenesysCloudSimulator({ ...options, logger });
  logger.info(
    { url: sim.url, saml: sim.saml, clients: sim.context.issuer.summary().clients },
    `Genesys Cloud simulator listening on ${sim.url}`,
  );
  process.stdout.write(`Genesys Cloud simulator: ${sim.url}\n`);
  const stop = (signal: string) => {
    logger.info({ signal }, 'stopping');
    sim.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'stop failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});

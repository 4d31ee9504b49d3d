import { startService } from '@bridge/runtime';
import { createLogger, startTracing } from '@bridge/telemetry';
import { readDeliveryConfig } from './config';

const config = readDeliveryConfig(process.env);
const logger = createLogger('genesys-delivery', config.LOG_LEVEL);

async function main(): Promise<void> {
  startTracing({ service: 'genesys-delivery', otlpEndpoint: config.OTEL_EXPORTER_OTLP_ENDPOINT });
  // The app module only now: tracing must start before http and pg are loaded to instrument them. (require, as
  // TypeScript's node16 resolution wants a file extension on a relative import(), which the sources lack.)
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { AppModule } = require('./app.module') as typeof import('./app.module');
  await startService({
    service: 'genesys-delivery',
    module: AppModule.register(config),
    port: config.GENESYS_DELIVERY_PORT,
    host: config.GENESYS_DELIVERY_HOST,
    logger,
    consumers: true,
  });
}

main().catch((error: unknown) => {
  logger.fatal({ err: error }, 'genesys-delivery failed to start');
  process.exit(1);
});

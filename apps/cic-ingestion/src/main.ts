import { startService } from '@bridge/runtime';
import { createLogger, startTracing } from '@bridge/telemetry';
import { readCicIngestionConfig } from './config';

const config = readCicIngestionConfig(process.env);
const logger = createLogger('cic-ingestion', config.LOG_LEVEL);

async function main(): Promise<void> {
  startTracing({ service: 'cic-ingestion', otlpEndpoint: config.OTEL_EXPORTER_OTLP_ENDPOINT });
  // The app module only now: tracing must start before http and pg are loaded to instrument them. (require, as
  // TypeScript's node16 resolution wants a file extension on a relative import(), which the sources lack.)
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { AppModule } = require('./app.module') as typeof import('./app.module');
  await startService({
    service: 'cic-ingestion',
    module: AppModule.register(config),
    port: config.CIC_INGESTION_PORT,
    host: config.CIC_INGESTION_HOST,
    logger,
    consumers: false,
  });
}

main().catch((error: unknown) => {
  logger.fatal({ err: error }, 'cic-ingestion failed to start');
  process.exit(1);
});

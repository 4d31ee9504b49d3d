import { startService } from '@bridge/runtime';
import { createLogger, startTracing } from '@bridge/telemetry';
import { readObjectMappingConfig } from './config';

const config = readObjectMappingConfig(process.env);
const logger = createLogger('object-mapping', config.LOG_LEVEL);

async function main(): Promise<void> {
  startTracing({ service: 'object-mapping', otlpEndpoint: config.OTEL_EXPORTER_OTLP_ENDPOINT });
  // The app module only now: tracing must start before http and pg are loaded to instrument them. (require, as
  // TypeScript's node16 resolution wants a file extension on a relative import(), which the sources lack.)
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { AppModule } = require('./app.module') as typeof import('./app.module');
  await startService({
    service: 'object-mapping',
    module: AppModule.register(config),
    port: config.OBJECT_MAPPING_PORT,
    host: config.OBJECT_MAPPING_HOST,
    logger,
    consumers: true,
  });
}

main().catch((error: unknown) => {
  logger.fatal({ err: error }, 'object-mapping failed to start');
  process.exit(1);
});

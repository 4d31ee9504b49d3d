import './instrumentation';
import { startService } from '@bridge/runtime';
import { createLogger } from '@bridge/telemetry';
import { AppModule } from './app.module';
import { config } from './config';

const logger = createLogger('object-mapping', config.LOG_LEVEL);

startService({
  service: 'object-mapping',
  module: AppModule,
  port: config.OBJECT_MAPPING_PORT,
  host: config.OBJECT_MAPPING_HOST,
  logger,
  consumers: true,
}).catch((error: unknown) => {
  logger.fatal({ err: error }, 'object-mapping failed to start');
  process.exit(1);
});

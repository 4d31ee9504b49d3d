import './instrumentation';
import { startService } from '@bridge/runtime';
import { createLogger } from '@bridge/telemetry';
import { AppModule } from './app.module';
import { config } from './config';

const logger = createLogger('genesys-delivery', config.LOG_LEVEL);

startService({
  service: 'genesys-delivery',
  module: AppModule,
  port: config.GENESYS_DELIVERY_PORT,
  host: config.GENESYS_DELIVERY_HOST,
  logger,
  consumers: true,
}).catch((error: unknown) => {
  logger.fatal({ err: error }, 'genesys-delivery failed to start');
  process.exit(1);
});

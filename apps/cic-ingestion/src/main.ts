import './instrumentation';
import { startService } from '@bridge/runtime';
import { createLogger } from '@bridge/telemetry';
import { AppModule } from './app.module';
import { config } from './config';

const logger = createLogger('cic-ingestion', config.LOG_LEVEL);

startService({
  service: 'cic-ingestion',
  module: AppModule,
  port: config.CIC_INGESTION_PORT,
  host: config.CIC_INGESTION_HOST,
  logger,
  consumers: false,
}).catch((error: unknown) => {
  logger.fatal({ err: error }, 'cic-ingestion failed to start');
  process.exit(1);
});

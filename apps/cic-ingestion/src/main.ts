import { runService } from '@bridge/runtime';
import { readCicIngestionConfig } from './config';

const config = readCicIngestionConfig(process.env);

runService({
  service: 'cic-ingestion',
  config,
  port: config.CIC_INGESTION_PORT,
  host: config.CIC_INGESTION_HOST,
  consumers: true,
  activeStandby: { databaseUrl: config.DATABASE_URL, schema: config.DATABASE_SCHEMA },
  // require: node16 resolution wants a file extension on a relative import(), and the sources have none.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  module: () => (require('./app.module') as typeof import('./app.module')).AppModule.register(config),
});

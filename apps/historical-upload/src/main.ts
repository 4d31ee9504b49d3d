import { runService } from '@bridge/runtime';
import { readHistoricalUploadConfig } from './config';

const config = readHistoricalUploadConfig(process.env);

runService({
  service: 'historical-upload',
  config,
  port: config.HISTORICAL_UPLOAD_PORT,
  host: config.HISTORICAL_UPLOAD_HOST,
  consumers: true,
  // require: node16 resolution wants a file extension on a relative import(), and the sources have none.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  module: () => (require('./app.module') as typeof import('./app.module')).AppModule.register(config),
});

import { runService } from '@bridge/runtime';
import { readDeliveryConfig } from './config';

const config = readDeliveryConfig(process.env);

runService({
  service: 'genesys-delivery',
  config,
  port: config.GENESYS_DELIVERY_PORT,
  host: config.GENESYS_DELIVERY_HOST,
  consumers: true,
  // require: node16 resolution wants a file extension on a relative import(), and the sources have none.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  module: () => (require('./app.module') as typeof import('./app.module')).AppModule.register(config),
});

import { runService } from '@bridge/runtime';
import { readObjectMappingConfig } from './config';

const config = readObjectMappingConfig(process.env);

runService({
  service: 'object-mapping',
  config,
  port: config.OBJECT_MAPPING_PORT,
  host: config.OBJECT_MAPPING_HOST,
  consumers: true,
  activeStandby: { databaseUrl: config.DATABASE_URL, schema: config.DATABASE_SCHEMA },
  // require: node16 resolution wants a file extension on a relative import(), and the sources have none.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  module: () => (require('./app.module') as typeof import('./app.module')).AppModule.register(config),
});

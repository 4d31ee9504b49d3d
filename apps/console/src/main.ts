import { runService } from '@bridge/runtime';
import { readConsoleConfig } from './config';

const config = readConsoleConfig(process.env);

runService({
  service: 'console',
  config,
  port: config.CONSOLE_PORT,
  host: config.CONSOLE_HOST,
  consumers: false,
  // require: node16 resolution wants a file extension on a relative import(), and the sources have none.
  module: () =>
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    (require('./app.module') as typeof import('./app.module')).AppModule.register(config),
  ready: (_app, logger) => logger.info({ url: config.CONSOLE_BASE_URL }, 'console ready'),
});

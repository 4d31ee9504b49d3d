import { runService } from '@bridge/runtime';
import { readSsoIdpConfig } from './config';

const config = readSsoIdpConfig(process.env);

runService({
  service: 'sso-idp',
  config,
  port: config.IDP_PORT,
  host: config.IDP_HOST,
  consumers: false,
  // require: node16 resolution wants a file extension on a relative import(), and the sources have none.
  module: (logger) =>
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    (require('./app.module') as typeof import('./app.module')).AppModule.register(config, logger),
  ready: (_app, logger) =>
    logger.info(
      { entityId: config.entityId, metadata: `${config.IDP_BASE_URL}/saml/metadata`, sp: config.sp },
      'sso-idp ready',
    ),
});

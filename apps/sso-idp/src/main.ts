import { startService } from '@bridge/runtime';
import { createLogger, startTracing } from '@bridge/telemetry';
import { readSsoIdpConfig } from './config';

const config = readSsoIdpConfig(process.env);
const logger = createLogger('sso-idp', config.LOG_LEVEL);

async function main(): Promise<void> {
  startTracing({ service: 'sso-idp', otlpEndpoint: config.OTEL_EXPORTER_OTLP_ENDPOINT });
  // The app module only now: tracing must start before http is loaded to instrument it. (require, as
  // TypeScript's node16 resolution wants a file extension on a relative import(), which the sources lack.)
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { AppModule } = require('./app.module') as typeof import('./app.module');
  await startService({
    service: 'sso-idp',
    module: AppModule.register(config, logger),
    port: config.IDP_PORT,
    host: config.IDP_HOST,
    logger,
    consumers: false,
  });
  logger.info(
    { entityId: config.entityId, metadata: `${config.IDP_BASE_URL}/saml/metadata`, sp: config.sp },
    'sso-idp ready',
  );
}

main().catch((error: unknown) => {
  logger.fatal({ err: error }, 'sso-idp failed to start');
  process.exit(1);
});

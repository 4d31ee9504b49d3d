import './instrumentation';
import { startService } from '@bridge/runtime';
import { createLogger } from '@bridge/telemetry';
import { appModule } from './app.module';
import { IcwsDirectory } from './cic-directory';
import { config } from './config';
import { loadSigningKeys } from './signing-keys';

const logger = createLogger('sso-idp', config.LOG_LEVEL);

async function main(): Promise<void> {
  const keys = loadSigningKeys({
    keyFile: config.IDP_KEY_FILE,
    certFile: config.IDP_CERT_FILE,
    keyPem: config.IDP_KEY_PEM,
    certPem: config.IDP_CERT_PEM,
    nextCertFile: config.IDP_NEXT_CERT_FILE,
    sandbox: config.IDP_SANDBOX,
    productionSigns: config.productionSigns,
    dataDir: config.IDP_DATA_DIR,
    subject: new URL(config.IDP_BASE_URL).hostname,
    logger,
  });
  const module = appModule({
    settings: {
      baseUrl: config.IDP_BASE_URL,
      entityId: config.entityId,
      sp: config.sp,
      keys,
      secureCookies: config.secureCookies,
      trustProxy: config.trustProxy,
    },
    cic: new IcwsDirectory(config.CIC_SERVERS),
    logger,
  });
  await startService({
    service: 'sso-idp',
    module,
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

import { RequestIdLedger, AUTHN_REQUEST_MAX_AGE_MS } from '@bridge/saml-idp';
import { ObservabilityModule, type Logger } from '@bridge/telemetry';
import { Inject, Module, type DynamicModule, type OnModuleInit, type Provider } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { Express } from 'express';
import { CIC_DIRECTORY, type CicDirectory } from './cic-directory';
import { SSO_IDP_CONFIG, type SsoIdpConfig } from './config';
import { SamlController } from './http/saml.controller';
import { IcwsDirectory } from './icws-directory';
import { IdentityProvider } from './identity-provider';
import { LoginFlow } from './login-flow';
import { LoginThrottle } from './login-throttle';
import { PendingLogins } from './pending-logins';
import { loadSigningKeys } from './signing-keys';
import { SSO_SETTINGS, type SsoSettings } from './sso-settings';

const LOGGER = Symbol('LOGGER');

/** What the IdP runs against: its settings, the CIC directory port and the logger. */
export interface SsoIdpPorts {
  readonly settings: SsoSettings;
  readonly cic: CicDirectory;
  readonly logger: Logger;
  readonly now?: () => Date;
}

/** The settings of a configured IdP; its signing keys are read (or, in sandbox mode, generated) here. */
function settingsOf(config: SsoIdpConfig, logger: Logger): SsoSettings {
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
  return {
    baseUrl: config.IDP_BASE_URL,
    entityId: config.entityId,
    sp: config.sp,
    keys,
    secureCookies: config.secureCookies,
    trustProxy: config.trustProxy,
  };
}

function cicDirectoryOf(config: SsoIdpConfig, logger: Logger): CicDirectory {
  return new IcwsDirectory({
    servers: config.CIC_SERVERS,
    onWarning: (warning) =>
      logger.warn(warning, 'CIC named an alternate server outside CIC_SERVERS; the login did not follow it'),
  });
}

/** Wiring only: the ports come from the config main.ts parsed (register) or from a test (withPorts). */
@Module({})
export class AppModule implements OnModuleInit {
  constructor(
    @Inject(HttpAdapterHost) private readonly http: HttpAdapterHost,
    @Inject(SSO_SETTINGS) private readonly settings: SsoSettings,
  ) {}

  /** Behind trusted proxies `req.ip` is the client's address, which the per-address throttle keys on. */
  onModuleInit(): void {
    this.http.httpAdapter.getInstance<Express>().set('trust proxy', this.settings.trustProxy);
  }

  static register(config: SsoIdpConfig, logger: Logger): DynamicModule {
    return AppModule.wire([
      { provide: SSO_IDP_CONFIG, useValue: config },
      { provide: LOGGER, useValue: logger },
      { provide: SSO_SETTINGS, inject: [SSO_IDP_CONFIG, LOGGER], useFactory: settingsOf },
      { provide: CIC_DIRECTORY, inject: [SSO_IDP_CONFIG, LOGGER], useFactory: cicDirectoryOf },
    ]);
  }

  static withPorts(ports: SsoIdpPorts): DynamicModule {
    return AppModule.wire(
      [
        { provide: SSO_SETTINGS, useValue: ports.settings },
        { provide: CIC_DIRECTORY, useValue: ports.cic },
        { provide: LOGGER, useValue: ports.logger },
      ],
      ports.now,
    );
  }

  private static wire(ports: Provider[], now?: () => Date): DynamicModule {
    return {
      module: AppModule,
      imports: [
        // The IdP needs no other service to sign a user in: CIC is asked per login, so no health dependency.
        ObservabilityModule.forRoot({ service: 'sso-idp', inject: [], checks: () => [] }),
      ],
      controllers: [SamlController],
      providers: [
        ...ports,
        {
          provide: IdentityProvider,
          inject: [SSO_SETTINGS],
          useFactory: (s: SsoSettings) =>
            new IdentityProvider(s.entityId, `${s.baseUrl}/saml/sso`, s.sp, s.keys),
        },
        {
          provide: LoginFlow,
          inject: [IdentityProvider, SSO_SETTINGS, CIC_DIRECTORY, LOGGER],
          useFactory: (idp: IdentityProvider, s: SsoSettings, cic: CicDirectory, logger: Logger) =>
            new LoginFlow({
              idp,
              sp: s.sp,
              cic,
              logger,
              pending: new PendingLogins(),
              throttle: new LoginThrottle(),
              // Longer than an AuthnRequest stays usable, so an id cannot come back after being forgotten.
              requestIds: new RequestIdLedger(AUTHN_REQUEST_MAX_AGE_MS * 2),
              ...(now ? { now } : {}),
            }),
        },
      ],
    };
  }
}

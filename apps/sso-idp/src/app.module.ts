import { RequestIdLedger, AUTHN_REQUEST_MAX_AGE_MS } from '@bridge/saml-idp';
import { ObservabilityModule, type Logger } from '@bridge/telemetry';
import { Inject, Module, type DynamicModule, type OnModuleInit, type Type } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { Express } from 'express';
import { CIC_DIRECTORY, type CicDirectory } from './cic-directory';
import { SamlController } from './http/saml.controller';
import { IdentityProvider } from './identity-provider';
import { LoginFlow } from './login-flow';
import { LoginThrottle } from './login-throttle';
import { PendingLogins } from './pending-logins';
import { SSO_SETTINGS, type SsoSettings } from './sso-settings';

const LOGGER = Symbol('LOGGER');

/** Wiring only: settings, the CIC directory port and the logger come from main.ts (or a test). */
@Module({})
export class SsoIdpModule implements OnModuleInit {
  constructor(
    @Inject(HttpAdapterHost) private readonly http: HttpAdapterHost,
    @Inject(SSO_SETTINGS) private readonly settings: SsoSettings,
  ) {}

  /** Behind trusted proxies `req.ip` is the client's address, which the per-address throttle keys on. */
  onModuleInit(): void {
    this.http.httpAdapter.getInstance<Express>().set('trust proxy', this.settings.trustProxy);
  }

  static forRoot(options: {
    settings: SsoSettings;
    cic: CicDirectory;
    logger: Logger;
    now?: () => Date;
  }): DynamicModule {
    return {
      module: SsoIdpModule,
      imports: [
        // The IdP needs no other service to sign a user in: CIC is asked per login, so no health dependency.
        ObservabilityModule.forRoot({ service: 'sso-idp', inject: [], checks: () => [] }),
      ],
      controllers: [SamlController],
      providers: [
        { provide: SSO_SETTINGS, useValue: options.settings },
        { provide: CIC_DIRECTORY, useValue: options.cic },
        { provide: LOGGER, useValue: options.logger },
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
              ...(options.now ? { now: options.now } : {}),
            }),
        },
      ],
    };
  }
}

/** The root module startService runs: SsoIdpModule bound to this process's settings and adapters. */
export function appModule(options: Parameters<typeof SsoIdpModule.forRoot>[0]): Type<unknown> {
  @Module({ imports: [SsoIdpModule.forRoot(options)] })
  class AppModule {}
  return AppModule;
}

import { natsOptionsOf } from '@bridge/config';
import {
  MessagingModule,
  NATS_CONNECTION,
  natsHealthCheck,
  Topology,
  type NatsConnection,
} from '@bridge/messaging';
import { postgresHealthCheck } from '@bridge/postgres';
import { ObservabilityModule } from '@bridge/telemetry';
import {
  Inject,
  Logger,
  Module,
  type DynamicModule,
  type MiddlewareConsumer,
  type NestModule,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { APP_FILTER, HttpAdapterHost } from '@nestjs/core';
import type { Express } from 'express';
import { DataSource } from 'typeorm';
import { IcwsAdminCheck, type CicAdminCheck } from './auth/cic-admin-check';
import { SignIn } from './auth/sign-in';
import { CONSOLE_CONFIG, type ConsoleConfig } from './config';
import { ConsoleReads } from './console-reads';
import { ApiController } from './http/api.controller';
import { AssetsController } from './http/assets.controller';
import { Audit } from './http/audit';
import { SignInRequiredFilter } from './http/console-errors.filter';
import { PagesController } from './http/pages.controller';
import { SecurityHeaders } from './http/security-headers.middleware';
import { SessionGuard } from './http/session.guard';
import { SignInController } from './http/sign-in.controller';
import { OperatorActions } from './operator/operator-actions';
import { OperatorClient } from './operator/operator-client';
import { StatusPoller } from './operator/status-poller';
import { CicEventLog } from './persistence/cic-event-log';
import { ActivityLog } from './persistence/activity-log';
import { ConsoleDatabaseModule } from './persistence/console-database.module';
import { RecordHistory } from './persistence/record-history';
import { Sessions } from './persistence/sessions';
import { LiveUpdates } from './projection/live-updates';
import { ProjectionFeed } from './projection/projection-feed';

/** The CIC admin check the sign-in asks: ICWS (register), or what a test gives (withPorts). */
const CIC_ADMIN_CHECK = Symbol('CicAdminCheck');

const feedLogger = new Logger('ProjectionFeed');

/** Wiring only: the console's tables, NATS, the projection and poller, the HTTP controllers. */
@Module({})
export class AppModule implements NestModule, OnApplicationBootstrap, OnApplicationShutdown {
  private pruning: NodeJS.Timeout | undefined;

  constructor(
    @Inject(HttpAdapterHost) private readonly http: HttpAdapterHost,
    @Inject(CONSOLE_CONFIG) private readonly config: ConsoleConfig,
    @Inject(ProjectionFeed) private readonly feed: ProjectionFeed,
    @Inject(StatusPoller) private readonly poller: StatusPoller,
    @Inject(Sessions) private readonly sessions: Sessions,
    @Inject(LiveUpdates) private readonly live: LiveUpdates,
  ) {}

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(SecurityHeaders).forRoutes('{*path}');
  }

  async onApplicationBootstrap(): Promise<void> {
    // Behind trusted proxies `req.ip` is the client's address, which the sign-in throttle keys on.
    const express = this.http.httpAdapter.getInstance<Express>();
    express.set('trust proxy', this.config.CONSOLE_TRUSTED_PROXY_HOPS);
    express.disable('x-powered-by');
    await this.feed.start();
    this.poller.start();
    const limits = limitsOf(this.config);
    this.pruning = setInterval(
      () => void this.sessions.prune(Date.now(), limits).catch(() => undefined),
      600_000,
    );
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.pruning);
    this.live.close();
    await this.poller.stop();
    await this.feed.stop();
  }

  static register(config: ConsoleConfig): DynamicModule {
    return AppModule.withPorts(config, {
      cic: config.CONSOLE_CIC_SIGN_IN ? new IcwsAdminCheck(config.CIC_SERVERS) : undefined,
    });
  }

  /** The console with its CIC admin check given (integration tests pass a fake CIC). */
  static withPorts(config: ConsoleConfig, ports: { cic: CicAdminCheck | undefined }): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConsoleDatabaseModule.register(config),
        MessagingModule.forRoot(natsOptionsOf(config, 'console')),
        ObservabilityModule.forRoot({
          service: 'console',
          inject: [NATS_CONNECTION, DataSource],
          checks: (nats: NatsConnection, db: DataSource) => [natsHealthCheck(nats), postgresHealthCheck(db)],
        }),
      ],
      controllers: [AssetsController, SignInController, ApiController, PagesController],
      providers: [
        { provide: CONSOLE_CONFIG, useValue: config },
        { provide: CIC_ADMIN_CHECK, useValue: ports.cic },
        { provide: LiveUpdates, useValue: new LiveUpdates() },
        {
          provide: OperatorClient,
          inject: [NATS_CONNECTION, Topology],
          useFactory: (nats: NatsConnection, topology: Topology) =>
            new OperatorClient(nats, topology, config.CONSOLE_COMMAND_TIMEOUT_MS),
        },
        {
          provide: ProjectionFeed,
          inject: [NATS_CONNECTION, Topology, RecordHistory, ActivityLog, LiveUpdates],
          useFactory: (
            nats: NatsConnection,
            topology: Topology,
            history: RecordHistory,
            activity: ActivityLog,
            live: LiveUpdates,
          ) =>
            new ProjectionFeed(nats, topology, history, activity, live, {
              info: (fields, message) => feedLogger.log(`${message} ${JSON.stringify(fields)}`),
              warn: (fields, message) => feedLogger.warn(`${message} ${JSON.stringify(fields)}`),
            }),
        },
        {
          provide: StatusPoller,
          inject: [OperatorClient, ProjectionFeed, LiveUpdates, CicEventLog],
          useFactory: (
            client: OperatorClient,
            feed: ProjectionFeed,
            live: LiveUpdates,
            cicLog: CicEventLog,
          ) => new StatusPoller(client, feed, live, cicLog, config.CONSOLE_STATUS_POLL_MS),
        },
        {
          provide: SignIn,
          inject: [Sessions, CIC_ADMIN_CHECK],
          useFactory: (sessions: Sessions, cic: CicAdminCheck | undefined) =>
            new SignIn(sessions, { accounts: config.accounts, cic, limits: limitsOf(config) }),
        },
        Audit,
        SessionGuard,
        ConsoleReads,
        OperatorActions,
        { provide: APP_FILTER, useClass: SignInRequiredFilter },
      ],
    };
  }
}

function limitsOf(config: ConsoleConfig) {
  return {
    idleMs: config.CONSOLE_SESSION_IDLE_MINUTES * 60_000,
    maxMs: config.CONSOLE_SESSION_MAX_HOURS * 3_600_000,
  };
}

import { natsAuthOf } from '@bridge/config';
import { postgresHealthCheck } from '@bridge/postgres';
import { defaultRetrySettings } from '@bridge/delivery-planning';
import { GenesysClient, regionTarget, targetOf } from '@bridge/genesys-client';
import {
  EventPublisher,
  MessagingModule,
  NATS_CONNECTION,
  natsHealthCheck,
  type NatsConnection,
} from '@bridge/messaging';
import { OperatorAccessModule } from '@bridge/runtime';
import { ObservabilityModule } from '@bridge/telemetry';
import {
  Inject,
  Logger,
  Module,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import { config } from './config';
import { DesiredStateConsumer } from './consumers/desired-state.consumer';
import { DeliveryController } from './http/delivery.controller';
import { DeliveryStore } from './persistence/delivery-store';
import { DeliveryDatabaseModule } from './persistence/delivery-database.module';
import { PostgresRateGate } from './persistence/postgres-rate-gate';
import { DeliveryWorkers } from './reconciler/delivery-workers';
import { IdMapAudit } from './reconciler/id-map-audit';
import { Reconciler } from './reconciler/reconciler';

class WorkersLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('IdMapAudit');

  constructor(
    @Inject(DeliveryWorkers) private readonly workers: DeliveryWorkers,
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(DeliveryStore) private readonly store: DeliveryStore,
    @Inject(GenesysClient) private readonly genesys: GenesysClient,
  ) {}
  onApplicationBootstrap(): void {
    this.workers.start();
    // In the background: the workers need not wait, and an object they touch meanwhile is set right either way.
    new IdMapAudit(this.store, this.genesys)
      .run()
      .then((stale) => {
        if (Object.keys(stale).length > 0)
          this.logger.warn(
            `Genesys no longer has objects the bridge made; provisioning again: ${JSON.stringify(stale)}`,
          );
      })
      .catch((error: unknown) => this.logger.warn(`id map audit failed: ${String(error)}`));
  }
  async onApplicationShutdown(): Promise<void> {
    await this.workers.stop();
    if (this.db.isInitialized) await this.db.destroy();
  }
}

@Module({
  imports: [
    DeliveryDatabaseModule,
    OperatorAccessModule.forRoot({ token: config.OPERATOR_TOKEN }),
    MessagingModule.forRoot({
      url: config.NATS_URL,
      auth: natsAuthOf(config),
      namespace: config.NATS_NAMESPACE,
      name: 'genesys-delivery',
    }),
    ObservabilityModule.forRoot({
      service: 'genesys-delivery',
      inject: [NATS_CONNECTION, DataSource],
      checks: (nats: NatsConnection, dataSource: DataSource) => [
        natsHealthCheck(nats),
        postgresHealthCheck(dataSource),
      ],
    }),
  ],
  controllers: [DesiredStateConsumer, DeliveryController],
  providers: [
    {
      provide: DeliveryStore,
      inject: [DataSource],
      useFactory: (db: DataSource) => new DeliveryStore(db, config.DATABASE_SCHEMA),
    },
    {
      provide: GenesysClient,
      inject: [DataSource],
      useFactory: (db: DataSource) =>
        new GenesysClient({
          target: config.GC_REGION
            ? regionTarget(config.GC_REGION)
            : targetOf(config.GC_API_URL, config.GC_LOGIN_URL),
          clientId: config.GC_CLIENT_ID,
          clientSecret: config.GC_CLIENT_SECRET,
          timeoutMs: config.GC_TIMEOUT_MS,
          gate: new PostgresRateGate(db, config.DATABASE_SCHEMA, {
            perMinute: config.GC_RATE_LIMIT_PER_MINUTE,
            burst: config.GC_RATE_BURST ?? Math.max(1, config.GC_RATE_LIMIT_PER_MINUTE),
          }),
        }),
    },
    {
      provide: DeliveryWorkers,
      inject: [DeliveryStore, GenesysClient, EventPublisher],
      useFactory: (store: DeliveryStore, genesys: GenesysClient, publisher: EventPublisher) =>
        new DeliveryWorkers(
          store,
          new Reconciler(
            store,
            genesys,
            { maxShare: config.DELIVERY_DELETION_MAX_SHARE, minCount: config.DELIVERY_DELETION_MIN_COUNT },
            config.DELIVERY_USER_REMOVAL,
          ),
          publisher,
          {
            workers: config.DELIVERY_WORKERS,
            batch: config.DELIVERY_CLAIM_BATCH,
            pollMs: config.DELIVERY_POLL_MS,
            leaseMs: config.DELIVERY_LEASE_MS,
            retry: {
              ...defaultRetrySettings,
              maxAttempts: config.DELIVERY_MAX_ATTEMPTS,
              baseDelayMs: config.DELIVERY_RETRY_BASE_MS,
              maxDelayMs: config.DELIVERY_RETRY_MAX_MS,
            },
          },
          fieldsLogger(new Logger('DeliveryWorkers')),
        ),
    },
    WorkersLifecycle,
  ],
})
export class AppModule {}

/**
 * The workers log pino-style (fields, message); Nest's Logger takes (message, context) and printed the fields as
 * "[object Object]", hiding why a record was quarantined.
 */
function fieldsLogger(logger: Logger) {
  return {
    warn: (fields: object, message: string) =>
      logger.warn(
        `${message} ${JSON.stringify(fields, (_key, value: unknown) =>
          value instanceof Error ? `${value.name}: ${value.message}` : value,
        )}`,
      ),
  };
}

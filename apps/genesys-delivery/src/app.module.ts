import { natsOptionsOf } from '@bridge/config';
import { GenesysClient } from '@bridge/genesys-client';
import {
  EventPublisher,
  MessagingModule,
  NATS_CONNECTION,
  natsHealthCheck,
  type NatsConnection,
} from '@bridge/messaging';
import { postgresHealthCheck } from '@bridge/postgres';
import { OperatorAccessModule } from '@bridge/runtime';
import { ObservabilityModule } from '@bridge/telemetry';
import { Logger, Module, type DynamicModule } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DELIVERY_CONFIG, type DeliveryConfig } from './config';
import { DesiredStateConsumer } from './consumers/desired-state.consumer';
import { DeliveryController } from './http/delivery.controller';
import { deliverySettings, genesysClientOptions, workerOptions } from './options';
import { DeletionPauses } from './persistence/deletion-pauses';
import { DeliveryDatabaseModule } from './persistence/delivery-database.module';
import { DesiredObjects } from './persistence/desired-objects';
import { IdMap } from './persistence/id-map';
import { RecordStatuses } from './persistence/record-statuses';
import { DeliveryWorkers } from './reconciler/delivery-workers';
import { GenesysPort } from './reconciler/genesys-port';
import { IdMapAudit } from './reconciler/id-map-audit';
import { Reconciler } from './reconciler/reconciler';
import { StorePort } from './reconciler/store-port';
import { WorkersLifecycle } from './reconciler/workers-lifecycle';

/** genesys-delivery, built from its parsed configuration. */
@Module({})
export class AppModule {
  static register(config: DeliveryConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        DeliveryDatabaseModule.register(config),
        OperatorAccessModule.forRoot({ token: config.OPERATOR_TOKEN }),
        MessagingModule.forRoot(natsOptionsOf(config, 'genesys-delivery')),
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
        { provide: DELIVERY_CONFIG, useValue: config },
        {
          provide: GenesysClient,
          inject: [DataSource],
          useFactory: (db: DataSource) => new GenesysClient(genesysClientOptions(config, db)),
        },
        {
          provide: Reconciler,
          inject: [GenesysClient, IdMap, DeletionPauses],
          useFactory: (genesys: GenesysClient, idMap: IdMap, pauses: DeletionPauses) =>
            new Reconciler(
              { genesys: new GenesysPort(genesys), store: new StorePort(idMap, pauses) },
              deliverySettings(config),
            ),
        },
        {
          provide: DeliveryWorkers,
          inject: [DesiredObjects, IdMap, RecordStatuses, Reconciler, EventPublisher],
          useFactory: (
            objects: DesiredObjects,
            idMap: IdMap,
            statuses: RecordStatuses,
            reconciler: Reconciler,
            publisher: EventPublisher,
          ) =>
            new DeliveryWorkers(
              { objects, idMap, statuses },
              reconciler,
              publisher,
              workerOptions(config),
              fieldsLogger(new Logger('DeliveryWorkers')),
            ),
        },
        {
          provide: IdMapAudit,
          inject: [IdMap, GenesysClient],
          useFactory: (idMap: IdMap, genesys: GenesysClient) => new IdMapAudit(idMap, genesys),
        },
        WorkersLifecycle,
      ],
    };
  }
}

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

import { natsOptionsOf } from '@bridge/config';
import {
  GenesysClient,
  genesysClientOptions,
  orgRateBudget,
  orgRateGate,
  type RequestGate,
} from '@bridge/genesys-client';
import {
  EventPublisher,
  MessagingModule,
  stableUuid,
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
import { ConversationDesiredConsumer } from './consumers/conversation-desired.consumer';
import { PresenceDesiredConsumer } from './consumers/presence-desired.consumer';
import { DeliveryController } from './http/delivery.controller';
import { ReplicationController } from './http/replication.controller';
import { deliverySettings, presenceLaneOptions, replicationLaneOptions, workerOptions } from './options';
import { DeletionPauses } from './persistence/deletion-pauses';
import { DeliveryDatabaseModule } from './persistence/delivery-database.module';
import { DesiredObjects } from './persistence/desired-objects';
import { IdMap } from './persistence/id-map';
import { Conversations } from './persistence/conversations';
import { Presences } from './persistence/presences';
import { LaneActivity } from './presence/lane-activity';
import { LaneGate } from './presence/lane-gate';
import { PresenceLane } from './presence/presence-lane';
import { RecordStatuses } from './persistence/record-statuses';
import { ReplicationLane } from './replication/replication-lane';
import { DeliveryWorkers } from './reconciler/delivery-workers';
import { GenesysPort } from './reconciler/genesys-port';
import { IdMapAudit } from './reconciler/id-map-audit';
import { Reconciler } from './reconciler/reconciler';
import { StorePort } from './reconciler/store-port';
import { WorkersLifecycle } from './reconciler/workers-lifecycle';

/** The org's one rate budget in Postgres, which both lanes' gates take their tokens from. */
const SHARED_RATE_GATE = Symbol('SharedRateGate');
/** The presence lane's client: the same org, its requests through the presence lane's gate. */
const PRESENCE_GENESYS = Symbol('PresenceGenesysClient');
/** The replication lane's client: the same org, its requests through the replication lane's gate. */
const REPLICATION_GENESYS = Symbol('ReplicationGenesysClient');

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
      controllers: [
        DesiredStateConsumer,
        PresenceDesiredConsumer,
        ConversationDesiredConsumer,
        DeliveryController,
        ReplicationController,
      ],
      providers: [
        { provide: DELIVERY_CONFIG, useValue: config },
        { provide: LaneActivity, useValue: new LaneActivity() },
        {
          provide: SHARED_RATE_GATE,
          inject: [DataSource],
          useFactory: (db: DataSource) => orgRateGate(config, db),
        },
        {
          provide: GenesysClient,
          inject: [SHARED_RATE_GATE, LaneActivity],
          useFactory: (shared: RequestGate, activity: LaneActivity) => {
            const share = 1 - config.DELIVERY_PRESENCE_SHARE;
            const gate = new LaneGate(shared, orgRateBudget(config), share, {
              activity,
              lanes: ['presence', 'replication'],
            });
            return new GenesysClient(genesysClientOptions(config, gate));
          },
        },
        {
          provide: PRESENCE_GENESYS,
          inject: [SHARED_RATE_GATE, LaneActivity],
          useFactory: (shared: RequestGate, activity: LaneActivity) => {
            const share = config.DELIVERY_PRESENCE_SHARE;
            const gate = new LaneGate(shared, orgRateBudget(config), share, {
              activity,
              lanes: ['reconciler', 'replication'],
            });
            return new GenesysClient(genesysClientOptions(config, gate));
          },
        },
        {
          provide: REPLICATION_GENESYS,
          inject: [SHARED_RATE_GATE, LaneActivity],
          useFactory: (shared: RequestGate, activity: LaneActivity) => {
            const share = config.DELIVERY_REPLICATION_SHARE;
            const gate = new LaneGate(shared, orgRateBudget(config), share, {
              activity,
              lanes: ['reconciler', 'presence'],
            });
            return new GenesysClient(genesysClientOptions(config, gate));
          },
        },
        {
          provide: ReplicationLane,
          inject: [Conversations, IdMap, REPLICATION_GENESYS, LaneActivity],
          useFactory: (
            conversations: Conversations,
            idMap: IdMap,
            genesys: GenesysClient,
            activity: LaneActivity,
          ) =>
            new ReplicationLane(
              conversations,
              idMap,
              genesys,
              activity,
              replicationLaneOptions(config),
              fieldsLogger(new Logger('ReplicationLane')),
            ),
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
          provide: PresenceLane,
          inject: [Presences, IdMap, RecordStatuses, PRESENCE_GENESYS, LaneActivity],
          useFactory: (
            presences: Presences,
            idMap: IdMap,
            statuses: RecordStatuses,
            genesys: GenesysClient,
            activity: LaneActivity,
          ) =>
            new PresenceLane(
              presences,
              idMap,
              statuses,
              genesys,
              activity,
              (name) => stableUuid(name, 4),
              presenceLaneOptions(config),
              fieldsLogger(new Logger('PresenceLane')),
            ),
        },
        {
          provide: DeliveryWorkers,
          inject: [
            DesiredObjects,
            IdMap,
            RecordStatuses,
            Presences,
            Reconciler,
            EventPublisher,
            LaneActivity,
          ],
          useFactory: (
            objects: DesiredObjects,
            idMap: IdMap,
            statuses: RecordStatuses,
            presences: Presences,
            reconciler: Reconciler,
            publisher: EventPublisher,
            activity: LaneActivity,
          ) =>
            new DeliveryWorkers(
              { objects, idMap, statuses, presences },
              {
                references: (objects) => reconciler.references(objects),
                // While it reconciles, the presence lane keeps to its share of the rate budget.
                reconcile: (object, references) =>
                  activity.during('reconciler', () => reconciler.reconcile(object, references)),
              },
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

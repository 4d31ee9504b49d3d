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
import { exclusiveIn, postgresHealthCheck, WorkLock } from '@bridge/postgres';
import { OperatorAccessModule } from '@bridge/runtime';
import { ObservabilityModule } from '@bridge/telemetry';
import { Logger, Module, type DynamicModule } from '@nestjs/common';
import { auditBudget } from '@bridge/delivery-planning';
import { DataSource } from 'typeorm';
import { AuditController } from './audit/audit.controller';
import { AuditGate } from './audit/audit-gate';
import { AuditLoop } from './audit/audit-loop';
import { driftFound } from './audit/audit-metrics';
import { AuditTables } from './audit/audit-tables';
import { DriftAudit } from './audit/drift-audit';
import { DELIVERY_CONFIG, type DeliveryConfig } from './config';
import { DeliveryMetrics } from './delivery-metrics';
import { DesiredStateConsumer } from './consumers/desired-state.consumer';
import { ConversationDesiredConsumer } from './consumers/conversation-desired.consumer';
import { PresenceDesiredConsumer } from './consumers/presence-desired.consumer';
import { DeliveryController } from './http/delivery.controller';
import { openChannelSocket } from './inbox/channel-socket';
import { InboxCatchUp } from './inbox/inbox-catch-up';
import { InboxLane } from './inbox/inbox-lane';
import { inboxNotificationPublisher } from './inbox/notification-publisher';
import { ReplicationController } from './http/replication.controller';
import {
  deliverySettings,
  driftAuditOptions,
  inboxLaneOptions,
  presenceLaneOptions,
  presencePace,
  replicationLaneOptions,
  workerOptions,
} from './options';
import { DeletionPauses } from './persistence/deletion-pauses';
import { DeliveryDatabaseModule } from './persistence/delivery-database.module';
import { DesiredObjects } from './persistence/desired-objects';
import { IdMap } from './persistence/id-map';
import { InboxRequests } from './persistence/inbox-requests';
import { Conversations } from './persistence/conversations';
import { Presences } from './persistence/presences';
import { LaneActivity } from './presence/lane-activity';
import { LaneGate } from './presence/lane-gate';
import { PresenceLane } from './presence/presence-lane';
import { PresencePace } from './presence/presence-pace';
import { RecordStatuses } from './persistence/record-statuses';
import { ReplicationLane } from './replication/replication-lane';
import { DeliveryWorkers } from './reconciler/delivery-workers';
import { GenesysPort } from './reconciler/genesys-port';
import { Reconciler } from './reconciler/reconciler';
import { StorePort } from './reconciler/store-port';
import { WorkersLifecycle } from './reconciler/workers-lifecycle';
import { operatorProviders } from './operator/operator.providers';
import { SyncControl, withPausableClaim } from './operator/sync-control';

/** The org's one rate budget in Postgres, which both lanes' gates take their tokens from. */
const SHARED_RATE_GATE = Symbol('SharedRateGate');
/** The presence lane's client: the same org, its requests through the presence lane's gate. */
const PRESENCE_GENESYS = Symbol('PresenceGenesysClient');
/** Wakes both lanes: an operator command made work due. */
const WAKE_LANES = Symbol('WakeLanes');
/** The drift audit's client: the same org, its requests through the audit's gate. */
const AUDIT_GENESYS = Symbol('AuditGenesysClient');
/** The replication lane's client: the same org, its requests through the replication lane's gate. */
const REPLICATION_GENESYS = Symbol('ReplicationGenesysClient');

/** genesys-delivery, built from its parsed configuration. */
@Module({})
export class AppModule {
  static register(config: DeliveryConfig): DynamicModule {
    // The presence and replication lanes of every instance register the bridge's presence source one at a time.
    const presenceSourceLock = (db: DataSource) =>
      exclusiveIn(db, `${config.DATABASE_SCHEMA}.presence-source`);
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
        AuditController,
        ReplicationController,
      ],
      providers: [
        { provide: DELIVERY_CONFIG, useValue: config },
        { provide: LaneActivity, useValue: new LaneActivity() },
        DeliveryMetrics,
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
          inject: [SHARED_RATE_GATE, LaneActivity, DataSource],
          useFactory: (shared: RequestGate, activity: LaneActivity, db: DataSource) => {
            const share = config.DELIVERY_PRESENCE_SHARE;
            const gate = new LaneGate(shared, orgRateBudget(config), share, {
              activity,
              lanes: ['reconciler', 'replication'],
            });
            return new GenesysClient({
              ...genesysClientOptions(config, gate),
              exclusive: presenceSourceLock(db),
            });
          },
        },
        {
          provide: REPLICATION_GENESYS,
          inject: [SHARED_RATE_GATE, LaneActivity, DataSource],
          useFactory: (shared: RequestGate, activity: LaneActivity, db: DataSource) => {
            const share = config.DELIVERY_REPLICATION_SHARE;
            const gate = new LaneGate(shared, orgRateBudget(config), share, {
              activity,
              lanes: ['reconciler', 'presence'],
            });
            return new GenesysClient({
              ...genesysClientOptions(config, gate),
              exclusive: presenceSourceLock(db),
            });
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
          inject: [Presences, IdMap, RecordStatuses, PRESENCE_GENESYS, LaneActivity, SyncControl],
          useFactory: (
            presences: Presences,
            idMap: IdMap,
            statuses: RecordStatuses,
            genesys: GenesysClient,
            activity: LaneActivity,
            sync: SyncControl,
          ) => {
            const lane = new PresenceLane(
              withPausableClaim(presences, sync),
              idMap,
              statuses,
              genesys,
              activity,
              new PresencePace(presencePace(config)),
              (name) => stableUuid(name, 4),
              presenceLaneOptions(config),
              fieldsLogger(new Logger('PresenceLane')),
            );
            sync.whenNewOrg(() => lane.forgetOrg());
            return lane;
          },
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
            AuditTables,
            SyncControl,
          ],
          useFactory: (
            objects: DesiredObjects,
            idMap: IdMap,
            statuses: RecordStatuses,
            presences: Presences,
            reconciler: Reconciler,
            publisher: EventPublisher,
            activity: LaneActivity,
            drifts: AuditTables,
            sync: SyncControl,
          ) =>
            new DeliveryWorkers(
              { objects: withPausableClaim(objects, sync), idMap, statuses, presences, drifts },
              {
                references: (objects) => reconciler.references(objects),
                // While it reconciles, the presence lane keeps to its share of the rate budget.
                reconcile: (object, references, calls) =>
                  activity.during('reconciler', () => reconciler.reconcile(object, references, calls)),
              },
              publisher,
              workerOptions(config),
              fieldsLogger(new Logger('DeliveryWorkers')),
            ),
        },
        {
          provide: AUDIT_GENESYS,
          inject: [SHARED_RATE_GATE, LaneActivity],
          useFactory: (shared: RequestGate, activity: LaneActivity) => {
            // Its own share whatever the other lanes do (share 1 of the audit's budget), behind the shared bucket.
            const budget = auditBudget(orgRateBudget(config), config.DELIVERY_AUDIT_SHARE);
            const lane = new LaneGate(shared, budget, 1, { activity, lanes: [] });
            return new GenesysClient(genesysClientOptions(config, new AuditGate(lane, activity)));
          },
        },
        {
          provide: AuditTables,
          inject: [DataSource],
          useFactory: (db: DataSource) => new AuditTables(db, config.DATABASE_SCHEMA),
        },
        {
          provide: AuditLoop,
          inject: [AuditTables, IdMap, AUDIT_GENESYS, RecordStatuses, EventPublisher, SyncControl],
          useFactory: (
            tables: AuditTables,
            idMap: IdMap,
            genesys: GenesysClient,
            statuses: RecordStatuses,
            publisher: EventPublisher,
            sync: SyncControl,
          ) => {
            const logger = new Logger('DriftAudit');
            const options = driftAuditOptions(config);
            const audit = new DriftAudit(
              tables,
              idMap,
              genesys,
              statuses,
              publisher,
              options,
              logger,
              (kind, n) => driftFound.inc({ kind }, n),
            );
            // A paused sync starts no audit pass (one under way finishes).
            const pausable = {
              lease: async (holder: string, leaseMs: number) =>
                (await sync.running()) && (await tables.lease(holder, leaseMs)),
              release: (holder: string) => tables.release(holder),
            };
            return new AuditLoop(audit, pausable, options, logger);
          },
        },
        {
          // Its few calls (a channel, its topics, a catch-up's reads) take tokens from the org's bucket like every
          // other lane's.
          provide: InboxLane,
          inject: [IdMap, SHARED_RATE_GATE, EventPublisher, DataSource],
          useFactory: (idMap: IdMap, shared: RequestGate, publisher: EventPublisher, db: DataSource) => {
            const logger = fieldsLogger(new Logger('InboxLane'));
            // A session lock, not a lease: a killed holder's channels pass on within a poll, not a lease's lapse.
            const lock = new WorkLock(
              {
                databaseUrl: config.DATABASE_URL,
                name: `inbox-channels:${config.DATABASE_SCHEMA}`,
                onWaitError: (error) => logger.warn({ error }, 'cannot reach Postgres for the inbox lock'),
              },
              (error) => logger.warn({ error }, 'inbox lock lost: closing the channels, waiting again'),
            );
            const genesys = new GenesysClient(genesysClientOptions(config, shared));
            const requests = new InboxRequests(db, config.DATABASE_SCHEMA);
            const passOn = inboxNotificationPublisher(publisher, requests);
            return new InboxLane(
              idMap,
              lock,
              genesys,
              openChannelSocket,
              passOn,
              new InboxCatchUp(genesys, requests, passOn),
              requests,
              inboxLaneOptions(),
              logger,
            );
          },
        },
        {
          provide: WAKE_LANES,
          inject: [DeliveryWorkers, PresenceLane],
          useFactory: (workers: DeliveryWorkers, lane: PresenceLane) => () => {
            workers.wake();
            lane.wake();
          },
        },
        ...operatorProviders(config, { gate: SHARED_RATE_GATE, wake: WAKE_LANES }),
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
  const line = (message: string, fields: object) =>
    `${message} ${JSON.stringify(fields, (_key, value: unknown) =>
      value instanceof Error ? `${value.name}: ${value.message}` : value,
    )}`;
  return {
    warn: (fields: object, message: string) => logger.warn(line(message, fields)),
    log: (fields: object, message: string) => logger.log(line(message, fields)),
  };
}

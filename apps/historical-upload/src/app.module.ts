import { natsOptionsOf } from '@bridge/config';
import { OutboxRelay } from '@bridge/event-store';
import { GenesysClient, genesysClientOptions, orgRateGate } from '@bridge/genesys-client';
import { MessagingModule, NATS_CONNECTION, natsHealthCheck, type NatsConnection } from '@bridge/messaging';
import { postgresHealthCheck } from '@bridge/postgres';
import { OperatorAccessModule } from '@bridge/runtime';
import { ObservabilityModule } from '@bridge/telemetry';
import { Logger, Module, type DynamicModule } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { HISTORICAL_UPLOAD_CONFIG, type HistoricalUploadConfig } from './config';
import { MappingNamesConsumer } from './consumers/mapping-names.consumer';
import { HistoricalUploadController } from './http/historical-upload.controller';
import { HistoricalUploadLifecycle } from './lifecycle';
import { UploadOperatorCommands } from './operator/upload-operator-commands';
import { uploadRunnerOptions } from './options';
import { GenesysNamesStore } from './persistence/genesys-names';
import { HistoricalUploadDatabaseModule } from './persistence/historical-upload-database.module';
import { IntervalProjectionStore, ProjectionRewound } from './persistence/interval-projection-store';
import { UploadJobs } from './persistence/upload-jobs';
import { IntervalProjection } from './projection/interval-projection';
import { intervalsRelay } from './projection/intervals-relay';
import { UploadRunner } from './upload/upload-runner';

/** Nest's Logger takes (message, context); the projection and runner log pino-style (fields, message). */
function fieldsLogger(logger: Logger) {
  const line = (fields: object, message: string) => `${message} ${JSON.stringify(fields)}`;
  return {
    info: (fields: object, message: string) => logger.log(line(fields, message)),
    warn: (fields: object, message: string) => logger.warn(line(fields, message)),
  };
}

/** historical-upload, built from its parsed configuration: wiring only. */
@Module({})
export class AppModule {
  static register(config: HistoricalUploadConfig): DynamicModule {
    const schema = config.DATABASE_SCHEMA;
    const relayLogger = new Logger('IntervalProjection');
    return {
      module: AppModule,
      imports: [
        HistoricalUploadDatabaseModule.register(config),
        OperatorAccessModule.forRoot({ token: config.OPERATOR_TOKEN }),
        MessagingModule.forRoot(natsOptionsOf(config, 'historical-upload')),
        ObservabilityModule.forRoot({
          service: 'historical-upload',
          inject: [NATS_CONNECTION, DataSource],
          checks: (nats: NatsConnection, dataSource: DataSource) => [
            natsHealthCheck(nats),
            postgresHealthCheck(dataSource),
          ],
        }),
      ],
      controllers: [MappingNamesConsumer, HistoricalUploadController],
      providers: [
        { provide: HISTORICAL_UPLOAD_CONFIG, useValue: config },
        {
          provide: OutboxRelay,
          inject: [DataSource, IntervalProjectionStore],
          useFactory: (db: DataSource, store: IntervalProjectionStore) => {
            const projection = new IntervalProjection(store, fieldsLogger(relayLogger));
            return intervalsRelay(projection, {
              databaseUrl: config.DATABASE_URL,
              schema,
              dataSource: db,
              batchSize: config.HISTORICAL_UPLOAD_BATCH,
              onError: (error) =>
                error instanceof ProjectionRewound
                  ? relayLogger.log(error.message)
                  : relayLogger.warn(`projection paused: ${String(error)}`),
              onLeadership: (leader) =>
                relayLogger.log(leader ? 'projecting the interaction events' : 'standing by'),
            });
          },
        },
        {
          provide: GenesysClient,
          inject: [DataSource],
          // Every request takes its token from the org's one bucket, shared with genesys-delivery (ADR 0009).
          useFactory: (db: DataSource) =>
            new GenesysClient(genesysClientOptions(config, orgRateGate(config, db))),
        },
        {
          provide: UploadRunner,
          inject: [DataSource, UploadJobs, IntervalProjectionStore, GenesysNamesStore, GenesysClient],
          useFactory: (
            db: DataSource,
            jobs: UploadJobs,
            projection: IntervalProjectionStore,
            names: GenesysNamesStore,
            genesys: GenesysClient,
          ) =>
            new UploadRunner(
              { db, jobs, projection, names, genesys },
              uploadRunnerOptions(config),
              fieldsLogger(new Logger('UploadRunner')),
            ),
        },
        HistoricalUploadLifecycle,
        UploadOperatorCommands,
      ],
    };
  }
}

import { migrations as eventStoreMigrations } from '@bridge/event-store';
import { rateBudgetMigrations } from '@bridge/genesys-client';
import { openDatabase } from '@bridge/postgres';
import { Global, Module, type DynamicModule } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { HistoricalUploadConfig } from '../config';
import { GenesysNamesStore } from './genesys-names';
import { IntervalProjectionStore } from './interval-projection-store';
import { historicalUploadMigrations } from './migrations';
import { UploadJobs } from './upload-jobs';

/**
 * The bridge's database with historical-upload's tables migrated (and the event store's, which the projection
 * reads, and the org rate budget's, whichever service starts first), and one class per table; global so health checks reach the database.
 */
@Global()
@Module({})
export class HistoricalUploadDatabaseModule {
  static register({ DATABASE_URL: url, DATABASE_SCHEMA: schema }: HistoricalUploadConfig): DynamicModule {
    return {
      module: HistoricalUploadDatabaseModule,
      providers: [
        {
          provide: DataSource,
          useFactory: () =>
            openDatabase({ url, schema }, [
              ...eventStoreMigrations,
              ...rateBudgetMigrations,
              ...historicalUploadMigrations,
            ]),
        },
        {
          provide: IntervalProjectionStore,
          inject: [DataSource],
          useFactory: (db: DataSource) => new IntervalProjectionStore(db, schema),
        },
        {
          provide: GenesysNamesStore,
          inject: [DataSource],
          useFactory: (db: DataSource) => new GenesysNamesStore(db, schema),
        },
        {
          provide: UploadJobs,
          inject: [DataSource],
          useFactory: (db: DataSource) => new UploadJobs(db, schema),
        },
      ],
      exports: [DataSource, IntervalProjectionStore, GenesysNamesStore, UploadJobs],
    };
  }
}

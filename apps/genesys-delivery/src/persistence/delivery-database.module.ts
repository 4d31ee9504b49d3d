import { openDatabase } from '@bridge/postgres';
import { Global, Module, type DynamicModule } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { DeliveryConfig } from '../config';
import { Conversations } from './conversations';
import { DeletionPauses } from './deletion-pauses';
import { DesiredObjects } from './desired-objects';
import { IdMap } from './id-map';
import { deliveryMigrations } from './migrations';
import { Presences } from './presences';
import { RecordStatuses } from './record-statuses';

/**
 * The bridge's database with genesys-delivery's tables migrated, and one class per table; global so health
 * checks can reach the database. Its sessions commit asynchronously (ADR 0005): the workers' bookkeeping can be
 * redone, and waiting for a WAL flush on each of their statements was a sixth of the machine in an initial sync.
 * Storing desired documents, which a JetStream ack follows, commits synchronously.
 */
@Global()
@Module({})
export class DeliveryDatabaseModule {
  static register({ DATABASE_URL: url, DATABASE_SCHEMA: schema }: DeliveryConfig): DynamicModule {
    return {
      module: DeliveryDatabaseModule,
      providers: [
        {
          provide: DataSource,
          useFactory: () => openDatabase({ url, schema, synchronousCommit: false }, deliveryMigrations),
        },
        {
          provide: DesiredObjects,
          inject: [DataSource],
          useFactory: (db: DataSource) => new DesiredObjects(db, schema),
        },
        {
          provide: IdMap,
          inject: [DataSource, DesiredObjects],
          useFactory: (db: DataSource, desired: DesiredObjects) => new IdMap(db, schema, desired),
        },
        {
          provide: DeletionPauses,
          inject: [DataSource, DesiredObjects],
          useFactory: (db: DataSource, desired: DesiredObjects) => new DeletionPauses(db, schema, desired),
        },
        {
          provide: RecordStatuses,
          inject: [DataSource],
          useFactory: (db: DataSource) => new RecordStatuses(db, schema),
        },
        {
          provide: Presences,
          inject: [DataSource],
          useFactory: (db: DataSource) => new Presences(db, schema),
        },
        {
          provide: Conversations,
          inject: [DataSource],
          useFactory: (db: DataSource) => new Conversations(db, schema),
        },
      ],
      exports: [DataSource, DesiredObjects, IdMap, DeletionPauses, RecordStatuses, Presences, Conversations],
    };
  }
}

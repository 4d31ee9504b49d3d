import { openDatabase } from '@bridge/postgres';
import { Global, Module, type DynamicModule } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ActivityLog } from './activity-log';
import { CicEventLog } from './cic-event-log';
import { consoleMigrations } from './migrations';
import { RecordHistory } from './record-history';
import { Sessions } from './sessions';

/**
 * The bridge's database with the console's tables migrated, one class per table, and the event store read
 * only; global so the health check reaches the database.
 */
@Global()
@Module({})
export class ConsoleDatabaseModule {
  static register({
    DATABASE_URL: url,
    DATABASE_SCHEMA: schema,
  }: {
    DATABASE_URL: string;
    DATABASE_SCHEMA: string;
  }): DynamicModule {
    const table = <T>(Table: new (db: DataSource, schema: string) => T) => ({
      provide: Table,
      inject: [DataSource],
      useFactory: (db: DataSource) => new Table(db, schema),
    });
    return {
      module: ConsoleDatabaseModule,
      providers: [
        {
          provide: DataSource,
          useFactory: () => openDatabase({ url, schema, poolSize: 5 }, consoleMigrations),
        },
        table(RecordHistory),
        table(ActivityLog),
        table(Sessions),
        table(CicEventLog),
      ],
      exports: [DataSource, RecordHistory, ActivityLog, Sessions, CicEventLog],
    };
  }
}

import { Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { DatabaseOptions } from '@bridge/postgres';
import { openEventStoreDatabase } from './data-source';
import { PostgresEventStore } from './postgres-event-store';

/** Injection token of the EventStore port. */
export const EVENT_STORE = Symbol('EVENT_STORE');
/** Injection token of the database options (URL and schema) the module was opened with. */
export const DATABASE_OPTIONS = Symbol('DATABASE_OPTIONS');

class DataSourceCloser implements OnApplicationShutdown {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}
  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}

/**
 * Opens the bridge's database (created and migrated if needed) and provides the TypeORM DataSource and the
 * Postgres EventStore.
 */
@Module({})
export class EventStoreModule {
  static forRoot(options: DatabaseOptions): DynamicModule {
    return {
      module: EventStoreModule,
      global: true,
      providers: [
        { provide: DATABASE_OPTIONS, useValue: options },
        { provide: DataSource, useFactory: () => openEventStoreDatabase(options) },
        {
          provide: EVENT_STORE,
          inject: [DataSource],
          useFactory: (dataSource: DataSource) => new PostgresEventStore(dataSource, options.schema),
        },
        DataSourceCloser,
      ],
      exports: [DataSource, EVENT_STORE, DATABASE_OPTIONS],
    };
  }
}

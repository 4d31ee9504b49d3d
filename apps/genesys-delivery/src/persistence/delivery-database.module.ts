import { openDatabase } from '@bridge/postgres';
import { Global, Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { config } from '../config';
import { deliveryMigrations } from './migrations';

/**
 * The bridge's database with genesys-delivery's tables migrated; global so health checks can reach it. Its
 * sessions commit asynchronously (ADR 0005): the workers' bookkeeping can be redone, and waiting for a WAL flush
 * on each of their statements was a sixth of the machine in an initial sync. Storing desired documents, which
 * a JetStream ack follows, commits synchronously.
 */
@Global()
@Module({
  providers: [
    {
      provide: DataSource,
      useFactory: () =>
        openDatabase(
          { url: config.DATABASE_URL, schema: config.DATABASE_SCHEMA, synchronousCommit: false },
          deliveryMigrations,
        ),
    },
  ],
  exports: [DataSource],
})
export class DeliveryDatabaseModule {}

import { openDatabase } from '@bridge/event-store';
import { Global, Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { config } from '../config';
import { CreateDeliveryTables1764100000000 } from './migrations/1764100000000-create-delivery-tables';

/** The bridge's database with genesys-delivery's tables migrated; global so health checks can reach it. */
@Global()
@Module({
  providers: [
    {
      provide: DataSource,
      useFactory: () =>
        openDatabase({ url: config.DATABASE_URL, schema: config.DATABASE_SCHEMA }, [
          CreateDeliveryTables1764100000000,
        ]),
    },
  ],
  exports: [DataSource],
})
export class DeliveryDatabaseModule {}

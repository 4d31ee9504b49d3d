import { createIsolation, type Isolation } from '@bridge/testing';
import type { DataSource } from 'typeorm';
import { openEventStoreDatabase } from './data-source';
import { PostgresEventStore } from './postgres-event-store';
import { describeReadNewestOfContract } from './read-log.contract';

let isolation: Isolation;
let dataSource: DataSource;

beforeAll(async () => {
  isolation = await createIsolation('readlog');
  dataSource = await openEventStoreDatabase({ url: isolation.databaseUrl, schema: isolation.schema });
});
afterAll(async () => {
  await dataSource.destroy();
  await isolation.dispose();
});

describeReadNewestOfContract('postgres', async () => new PostgresEventStore(dataSource, isolation.schema));

import { openDatabase, type DatabaseOptions } from '@bridge/postgres';
import type { DataSource } from 'typeorm';
import { CreateEventStore1764000000000 } from './migrations/1764000000000-create-event-store';
import { AppendFunction1764000000001 } from './migrations/1764000000001-append-function';
import { StoreEpoch1764000000002 } from './migrations/1764000000002-store-epoch';
import { AppendSinglePass1764000000003 } from './migrations/1764000000003-append-single-pass';
import { TryAppend1765520000000 } from './migrations/1765520000000-try-append';
import { StreamIdBytewise1765520000001 } from './migrations/1765520000001-stream-id-bytewise';
import { AppendLockPerSchema1765600000000 } from './migrations/1765600000000-append-lock-per-schema';

/** The event store's migrations, in order. */
export const migrations = [
  CreateEventStore1764000000000,
  AppendFunction1764000000001,
  StoreEpoch1764000000002,
  AppendSinglePass1764000000003,
  TryAppend1765520000000,
  StreamIdBytewise1765520000001,
  AppendLockPerSchema1765600000000,
];

/** Opens the bridge's database with the event store's tables migrated. */
export function openEventStoreDatabase(options: DatabaseOptions): Promise<DataSource> {
  return openDatabase(options, migrations);
}

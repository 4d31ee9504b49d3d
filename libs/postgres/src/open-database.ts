import { Client } from 'pg';
import { DataSource, type MigrationInterface } from 'typeorm';
import { quoteIdentifier } from './quote-identifier';

export interface DatabaseOptions {
  readonly url: string;
  /** Postgres schema for the tables; each integration suite gets its own. */
  readonly schema: string;
  readonly poolSize?: number;
  /**
   * false: this pool's transactions commit without waiting for the WAL flush (`synchronous_commit = off`), so a
   * Postgres crash (not a client's) may lose the last fraction of a second of them. Only for state the owner can
   * rebuild; a statement that must be durable sets `SET LOCAL synchronous_commit = on` in its transaction.
   */
  readonly synchronousCommit?: boolean;
}

const createDatabaseLock = 0x62726963; // "bric": held on the admin database while creating ours.
const migrationLock = 0x62726964; // "brid": one lock for every process migrating this database.

/** Creates the database named in the URL when it does not exist yet (DESIGN §4: "created if missing"). */
export async function ensureDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    // Services started together race here: a second concurrent CREATE DATABASE fails on pg_database's unique
    // index (23505), not with "already exists", so the check and the create run under one lock.
    await client.query('SELECT pg_advisory_lock($1)', [createDatabaseLock]);
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE ${quoteIdentifier(name)}`);
  } finally {
    await client.end();
  }
}

/** A service's migrations, in order. Services never use TypeORM's `synchronize`. */
export type Migrations = readonly (new () => MigrationInterface)[];

/**
 * Opens the bridge's database: creates it and the schema if missing, then runs the caller's pending migrations
 * under an advisory lock, so several services starting together migrate once.
 */
export async function openDatabase(options: DatabaseOptions, migrations: Migrations): Promise<DataSource> {
  await ensureDatabase(options.url);
  const dataSource = new DataSource({
    type: 'postgres',
    url: options.url,
    schema: options.schema,
    migrations: [...migrations],
    migrationsTableName: 'migrations',
    synchronize: false,
    extra: {
      max: options.poolSize ?? 10,
      ...(options.synchronousCommit === false ? { options: '-c synchronous_commit=off' } : {}),
    },
  });
  await dataSource.initialize();
  const runner = dataSource.createQueryRunner();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [migrationLock]);
    await runner.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdentifier(options.schema)}`);
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [migrationLock]).catch(() => undefined);
    await runner.release();
  }
  return dataSource;
}

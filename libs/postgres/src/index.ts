/** The bridge's Postgres plumbing: open and migrate the database, its health check, identifier quoting. */
export { ensureDatabase, openDatabase, type DatabaseOptions, type Migrations } from './open-database';
export { postgresHealthCheck } from './health-check';
export { quoteIdentifier, schemaOf } from './quote-identifier';

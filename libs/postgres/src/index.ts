/** The bridge's Postgres plumbing: open and migrate the database, its health check, identifier quoting. */
export { ensureDatabase, openDatabase, type DatabaseOptions, type Migrations } from './open-database';
export { postgresHealthCheck } from './health-check';
export { quoteIdentifier, schemaOf } from './quote-identifier';
/** An advisory lock in a session of its own: one active process per name, freed when the holder dies. */
export { SESSION_LOCK_POLL_MS, SessionLock, type SessionLockOptions } from './session-lock';
/** The same lock for work one instance of a work-sharing service does: polled, and waited for again after a loss. */
export { WorkLock } from './work-lock';
/** A transaction-scoped advisory lock around one piece of work: find-or-create steps of several instances. */
export { exclusiveIn, type Exclusive } from './exclusive';

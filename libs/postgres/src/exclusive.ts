import type { DataSource } from 'typeorm';

/** Work run one caller at a time. */
export type Exclusive = <T>(work: () => Promise<T>) => Promise<T>;

/**
 * Runs work while holding a transaction-scoped advisory lock named `name`: one caller at a time across every
 * process on the database, the lock freed when the work ends or its session dies.
 */
export function exclusiveIn(db: DataSource, name: string): Exclusive {
  return (work) =>
    db.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [name]);
      return work();
    });
}

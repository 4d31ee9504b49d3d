import type { DataSource } from 'typeorm';

/** The /health check of the database: a query round trip. */
export function postgresHealthCheck(dataSource: DataSource) {
  return { name: 'postgres', check: async () => void (await dataSource.query('SELECT 1')) };
}

import type { QueryRunner } from 'typeorm';

/** A Postgres identifier (a schema or database name), quoted. Names are validated by libs/config before here. */
export function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** The quoted schema a migration runs in. */
export function schemaOf(runner: QueryRunner): string {
  const options = runner.connection.options as { schema?: string };
  return quoteIdentifier(options.schema ?? 'public');
}

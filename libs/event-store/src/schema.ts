import type { QueryRunner } from 'typeorm';

/** A Postgres schema name as a quoted identifier. Names are validated by libs/config before they get here. */
export function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

export function schemaOf(runner: QueryRunner): string {
  const options = runner.connection.options as { schema?: string };
  return quoteIdentifier(options.schema ?? 'public');
}

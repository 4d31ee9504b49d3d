import { schemaOf } from '@bridge/postgres';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Former name → name by the table rule (docs/architecture.md: the rows a table holds, in the plural). */
const renames = [
  ['delivery_id_map', 'delivery_id_mappings'],
  ['delivery_status', 'delivery_statuses'],
  ['delivery_rate_budget', 'delivery_rate_budgets'],
] as const;

/** Indexes named after their table, renamed with it so a name found in a plan or a log leads to the table. */
const indexRenames = [
  ['delivery_id_map_pkey', 'delivery_id_mappings_pkey'],
  ['delivery_id_map_genesys_id', 'delivery_id_mappings_genesys_id'],
  ['delivery_status_pkey', 'delivery_statuses_pkey'],
  ['delivery_rate_budget_pkey', 'delivery_rate_budgets_pkey'],
] as const;

/** Three tables took the one naming rule every other table follows. */
export class NameTablesByTheirRows1764300000000 implements MigrationInterface {
  name = 'NameTablesByTheirRows1764300000000';

  async up(runner: QueryRunner): Promise<void> {
    await this.rename(runner, (from, to) => [from, to]);
  }

  async down(runner: QueryRunner): Promise<void> {
    await this.rename(runner, (from, to) => [to, from]);
  }

  private async rename(runner: QueryRunner, order: (a: string, b: string) => readonly [string, string]) {
    const s = schemaOf(runner);
    for (const [a, b] of renames) {
      const [from, to] = order(a, b);
      await runner.query(`ALTER TABLE ${s}.${from} RENAME TO ${to}`);
    }
    for (const [a, b] of indexRenames) {
      const [from, to] = order(a, b);
      await runner.query(`ALTER INDEX ${s}.${from} RENAME TO ${to}`);
    }
  }
}

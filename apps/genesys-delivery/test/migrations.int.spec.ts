import { rateBudgetMigrations } from '@bridge/genesys-client';
import { openDatabase, quoteIdentifier } from '@bridge/postgres';
import { createIsolation, type Isolation } from '@bridge/testing';
import { deliveryMigrations } from '../src/persistence/migrations';
import { MoveRateBudgetToGenesysClient1765200000000 } from '../src/persistence/migrations/1765200000000-move-rate-budget-to-genesys-client';

/** An installed bridge upgrades in place: rows written under the former table names are there under the new. */
let isolation: Isolation;

beforeAll(async () => {
  isolation = await createIsolation('dmigrate');
}, 60_000);

afterAll(async () => {
  await isolation?.dispose();
});

it('renames the id map, status and rate budget tables with their rows', async () => {
  const options = { url: isolation.databaseUrl, schema: isolation.schema };
  const before = await openDatabase(options, deliveryMigrations.slice(0, 2));
  const s = quoteIdentifier(isolation.schema);
  await before.query(
    `INSERT INTO ${s}.delivery_id_map (kind, key, genesys_id, origin, name, live, actual)
     VALUES ('skill', 'Spanish', 'g-1', 'created', 'Spanish', true, '{}')`,
  );
  await before.query(
    `INSERT INTO ${s}.delivery_status (kind, key, status) VALUES ('skill', 'Spanish', 'synced')`,
  );
  await before.destroy();

  const after = await openDatabase(options, deliveryMigrations);
  try {
    expect(await after.query(`SELECT genesys_id FROM ${s}.delivery_id_mappings`)).toEqual([
      { genesys_id: 'g-1' },
    ]);
    expect(await after.query(`SELECT status FROM ${s}.delivery_statuses`)).toEqual([{ status: 'synced' }]);
    const tables = await after.query<{ table_name: string }[]>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name`,
      [isolation.schema],
    );
    expect(tables.map((t) => t.table_name).filter((name) => name.startsWith('delivery_'))).toEqual([
      'delivery_audit_passes',
      'delivery_conversations',
      'delivery_deletion_pauses',
      'delivery_drift_repairs',
      'delivery_drifts',
      'delivery_id_mappings',
      'delivery_inbox_requests',
      'delivery_inbox_watermark',
      'delivery_objects',
      'delivery_presences',
      'delivery_reprovisions',
      'delivery_statuses',
      'delivery_sync_state',
    ]);
  } finally {
    await after.destroy();
  }
});

it("moves the rate budget's bucket to the table every Genesys caller shares, and drops delivery's", async () => {
  const isolated = await createIsolation('dmigratebudget');
  const options = { url: isolated.databaseUrl, schema: isolated.schema };
  const s = quoteIdentifier(isolated.schema);
  try {
    const before = await openDatabase(options, deliveryMigrations.slice(0, 7));
    await before.query(
      `INSERT INTO ${s}.delivery_rate_budgets (name, tokens, updated_at_ms, blocked_until_ms)
       VALUES ('genesys', 3, 1000, 2000)`,
    );
    await before.destroy();

    // Up to the move, so that undoing the last migration undoes the move whatever comes after it.
    const throughMove = deliveryMigrations.slice(
      0,
      deliveryMigrations.indexOf(MoveRateBudgetToGenesysClient1765200000000) + 1,
    );
    const after = await openDatabase(options, throughMove);
    try {
      expect(
        await after.query(`SELECT name, tokens, blocked_until_ms FROM ${s}.genesys_rate_budgets`),
      ).toEqual([{ name: 'genesys', tokens: 3, blocked_until_ms: '2000' }]);
      const [{ exists } = { exists: true }] = await after.query<{ exists: boolean }[]>(
        `SELECT to_regclass($1) IS NOT NULL AS exists`,
        [`${s}.delivery_rate_budgets`],
      );
      expect(exists).toBe(false);

      // Undone, the bucket is back in delivery's table, whose key the renaming migration's undo expects.
      await after.undoLastMigration();
      expect(await after.query(`SELECT name, tokens FROM ${s}.delivery_rate_budgets`)).toEqual([
        { name: 'genesys', tokens: 3 },
      ]);
      expect(
        await after.query(`SELECT indexname FROM pg_indexes WHERE schemaname = $1 AND tablename = $2`, [
          isolated.schema,
          'delivery_rate_budgets',
        ]),
      ).toEqual([{ indexname: 'delivery_rate_budgets_pkey' }]);
    } finally {
      await after.destroy();
    }
  } finally {
    await isolated.dispose();
  }
});

it('leaves one rate budget table when another Genesys caller migrated the database first', async () => {
  const isolated = await createIsolation('dmigratefirst');
  const options = { url: isolated.databaseUrl, schema: isolated.schema };
  try {
    await (await openDatabase(options, rateBudgetMigrations)).destroy();
    const after = await openDatabase(options, deliveryMigrations);
    try {
      const tables = await after.query<{ table_name: string }[]>(
        `SELECT table_name FROM information_schema.tables WHERE table_schema = $1 AND table_name LIKE '%rate_budget%'`,
        [isolated.schema],
      );
      expect(tables.map((t) => t.table_name)).toEqual(['genesys_rate_budgets']);
    } finally {
      await after.destroy();
    }
  } finally {
    await isolated.dispose();
  }
});

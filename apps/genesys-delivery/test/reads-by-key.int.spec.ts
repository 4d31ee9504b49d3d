import { openDatabase } from '@bridge/postgres';
import { createIsolation, type Isolation } from '@bridge/testing';
import { DataSource } from 'typeorm';
import { DesiredObjects } from '../src/persistence/desired-objects';
import { IdMap } from '../src/persistence/id-map';
import { deliveryMigrations } from '../src/persistence/migrations';
import { desiredUser } from './support/desired-user';
import { deliveryTables } from '../src/persistence/tables';

/**
 * The statements on every batch's way read by key: on a center of any size, a batch costs what its keys cost.
 * And what a batch's references read answers (a live id map entry, or "still waits to be delivered"). The
 * statements run on one connection, so the table statistics that session flushes are theirs alone.
 */
let isolation: Isolation;
let migrated: DataSource;
let db: DataSource;
let objects: DesiredObjects;
let idMap: IdMap;
let tables: ReturnType<typeof deliveryTables>;

beforeAll(async () => {
  isolation = await createIsolation('idrefs');
  migrated = await openDatabase({ url: isolation.databaseUrl, schema: isolation.schema }, deliveryMigrations);
  db = await new DataSource({ type: 'postgres', url: isolation.databaseUrl, extra: { max: 1 } }).initialize();
  tables = deliveryTables(isolation.schema);
  objects = new DesiredObjects(db, isolation.schema);
  idMap = new IdMap(db, isolation.schema, objects);
}, 60_000);

afterAll(async () => {
  await db?.destroy();
  await migrated?.destroy();
  await isolation?.dispose();
});

/** Objects `<prefix>1…<count>` of `kind`, each with its state, and an id map entry where `mapped` says. */
async function fill(
  kind: string,
  prefix: string,
  count: number,
  state: { dirty: boolean; present?: boolean; quarantined?: boolean; mapped?: 'live' | 'gone' },
): Promise<void> {
  await db.query(
    `INSERT INTO ${tables.objects} (kind, key, priority, present, document, dirty, quarantined)
     SELECT $1, $2 || i, 1, $4, '{}'::jsonb, $5, $6 FROM generate_series(1, $3::int) i`,
    [kind, prefix, count, state.present ?? true, state.dirty, state.quarantined ?? false],
  );
  if (!state.mapped) return;
  await db.query(
    `INSERT INTO ${tables.idMap} (kind, key, genesys_id, origin, name, live)
     SELECT $1, $2 || i, 'g-' || $2 || i, 'created', $2 || i, $4 FROM generate_series(1, $3::int) i`,
    [kind, prefix, count, state.mapped === 'live'],
  );
}

describe('IdMap.references', () => {
  beforeAll(async () => {
    await fill('queue', 'synced-', 2, { dirty: false, mapped: 'live' });
    await fill('queue', 'resyncing-', 1, { dirty: true, mapped: 'live' });
    await fill('queue', 'new-', 1, { dirty: true });
    await fill('queue', 'quarantined-', 1, { dirty: true, quarantined: true });
    await fill('queue', 'removing-', 1, { dirty: true, present: false });
    await fill('queue', 'failed-', 1, { dirty: false });
    await fill('queue', 'deleted-', 1, { dirty: false, mapped: 'gone' });
  });

  it('answers each key: its live entry, or whether it still waits to be delivered', async () => {
    const keys = ['synced-1', 'synced-2', 'synced-1', 'resyncing-1', 'new-1', 'quarantined-1', 'removing-1'];
    const references = await idMap.references(
      [...keys, 'failed-1', 'deleted-1', 'unknown-1'].map((key) => ({ kind: 'queue' as const, key })),
    );

    expect(references.live('queue', 'synced-1')).toMatchObject({
      genesysId: 'g-synced-1',
      origin: 'created',
    });
    expect(references.live('queue', 'synced-2')?.genesysId).toBe('g-synced-2');
    expect(references.live('queue', 'resyncing-1')?.genesysId).toBe('g-resyncing-1');
    // Mapped keys are never pending, even while dirty: their Genesys object exists.
    expect(references.pending('queue', 'resyncing-1')).toBe(false);
    expect(references.pending('queue', 'new-1')).toBe(true);
    for (const key of ['new-1', 'quarantined-1', 'removing-1', 'failed-1', 'deleted-1', 'unknown-1']) {
      expect(references.live('queue', key)).toBeUndefined();
    }
    for (const key of ['quarantined-1', 'removing-1', 'failed-1', 'deleted-1', 'unknown-1']) {
      expect(references.pending('queue', key)).toBe(false);
    }
    // A key of another kind is another object.
    expect(references.live('user', 'synced-1')).toBeUndefined();
  });
});

describe('on a center of 30,000 users', () => {
  beforeAll(async () => {
    await fill('user', 'u', 30_000, { dirty: false, mapped: 'live' });
    await fill('user', 'pending-', 500, { dirty: true });
  });

  it("reads a batch's references by key", async () => {
    // As many keys as a large queue's members: the size at which a join would rather hash a table than probe
    // it once per key.
    const wanted = Array.from({ length: 500 }, (_, i) => ({
      kind: 'user' as const,
      key: i % 2 === 0 ? `u${i * 50 + 1}` : `pending-${i}`,
    }));

    const before = await scans();
    const references = await idMap.references(wanted);
    const after = await scans();

    expect(references.live('user', 'u1')?.genesysId).toBe('g-u1');
    expect(references.pending('user', 'pending-1')).toBe(true);
    expect(after.idMap.seq - before.idMap.seq).toBe(0);
    expect(after.objects.seq - before.objects.seq).toBe(0);
    expect(after.idMap.idx - before.idMap.idx).toBeGreaterThan(0);
  });

  it('stores a batch without deletions by key', async () => {
    const batch = Array.from({ length: 256 }, (_, i) => ({
      kind: 'user' as const,
      key: `u${i * 100 + 1}`,
      desired: { present: true as const, document: desiredUser(`changed-${i}@example.com`) },
    }));

    const before = await scans();
    await objects.store(batch, 60_000);
    const after = await scans();

    const [stored] = await db.query<{ n: string }[]>(
      `SELECT count(*) AS n FROM ${tables.objects} WHERE kind = 'user' AND dirty AND document ->> 'userName' LIKE 'changed-%'`,
    );
    expect(Number(stored?.n)).toBe(256);
    expect(after.objects.seq - before.objects.seq).toBe(0);
    expect(after.idMap.seq - before.idMap.seq).toBe(0);
  });
});

/** Sequential and index scans of both tables so far, this session's own included. */
async function scans(): Promise<Record<'idMap' | 'objects', { seq: number; idx: number }>> {
  // A session's counts reach the statistics when it goes idle; forced, they are there for its next statement.
  await db.query('SELECT pg_stat_force_next_flush()');
  const rows = await db.query<{ seq_scan: string; idx_scan: string | null }[]>(
    `SELECT s.seq_scan, s.idx_scan FROM unnest($1::text[]) WITH ORDINALITY AS t(name, n)
     JOIN pg_stat_user_tables s ON s.relid = t.name::regclass ORDER BY t.n`,
    [[tables.idMap, tables.objects]],
  );
  const [idMap, objects] = rows.map((row) => ({ seq: Number(row.seq_scan), idx: Number(row.idx_scan ?? 0) }));
  if (!idMap || !objects) throw new Error('no statistics for the delivery tables');
  return { idMap, objects };
}

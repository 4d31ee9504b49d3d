import type { TargetKind } from '@bridge/contracts';
import type { ActualUser, IdMapEntry, NamedEntry, References } from '@bridge/delivery-planning';
import type { DataSource, EntityManager } from 'typeorm';
import type { DesiredObjects } from './desired-objects';
import { entryOf, type IdMapRow } from './rows';
import { deliveryTables, lastBy, markDirty } from './tables';

/** The field of a user's known state that assigns a skill or language, by the kind of the named object. */
const unassignedFrom: Partial<Record<NamedEntry['kind'], 'routingSkills' | 'routingLanguages'>> = {
  skill: 'routingSkills',
  language: 'routingLanguages',
};

/** The id map (delivery_id_mappings): which Genesys object each CIC key is, created or adopted, and its known state. */
export class IdMap {
  private readonly objects: string;
  private readonly idMap: string;

  constructor(
    private readonly db: DataSource,
    schema: string,
    private readonly desired: DesiredObjects,
  ) {
    ({ objects: this.objects, idMap: this.idMap } = deliveryTables(schema));
  }

  async entry(kind: TargetKind, key: string): Promise<IdMapEntry | undefined> {
    const rows = await this.db.query<IdMapRow[]>(`SELECT * FROM ${this.idMap} WHERE kind = $1 AND key = $2`, [
      kind,
      key,
    ]);
    const row = rows[0];
    return row && entryOf(row);
  }

  /**
   * Records which Genesys object each key is (one statement for a batch). One Genesys object belongs to one key:
   * when a key adopts an object another key held (a business email passed from one CIC user to another), the
   * other key lets it go and, if it is still wanted, is made dirty to provision one of its own.
   */
  async save(entries: readonly IdMapEntry[], db: Pick<EntityManager, 'query'> = this.db): Promise<void> {
    const latest = lastBy(
      lastBy(entries, (e) => `${e.kind}:${e.key}`),
      (e) => `${e.kind}:${e.genesysId}`,
    );
    if (latest.length === 0) return;
    const column = <T>(value: (entry: IdMapEntry) => T) => latest.map(value);
    // A key of the batch is upserted, never released: its row would be changed twice in one statement.
    await db.query(
      `WITH v AS (
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::boolean[], $7::jsonb[])
           AS v(kind, key, genesys_id, origin, name, live, actual)),
       released AS (
         DELETE FROM ${this.idMap} m USING v
         WHERE m.kind = v.kind AND m.genesys_id = v.genesys_id AND m.key <> v.key
           AND NOT EXISTS (SELECT 1 FROM v mine WHERE mine.kind = m.kind AND mine.key = m.key)
         RETURNING m.kind, m.key),
       orphaned AS (
         UPDATE ${this.objects} o SET ${markDirty}
         FROM released r WHERE o.kind = r.kind AND o.key = r.key AND o.present)
       INSERT INTO ${this.idMap} (kind, key, genesys_id, origin, name, live, actual) SELECT * FROM v
       ON CONFLICT (kind, key) DO UPDATE SET genesys_id = EXCLUDED.genesys_id, origin = EXCLUDED.origin,
         name = EXCLUDED.name, live = EXCLUDED.live, actual = EXCLUDED.actual, updated_at = now()`,
      [
        column((e) => e.kind),
        column((e) => e.key),
        column((e) => e.genesysId),
        column((e) => e.origin),
        column((e) => e.name),
        column((e) => e.live),
        column((e) => JSON.stringify(e.actual)),
      ],
    );
  }

  /**
   * A skill, language or wrap-up code the bridge deleted in Genesys. Genesys took a deleted skill or language off
   * every user: the users' known state loses its assignments too, or their next patch would keep it as someone
   * else's and name a skill Genesys no longer has (a renamed skill is deleted and created anew).
   */
  async namedDeleted(entry: NamedEntry): Promise<void> {
    const field = unassignedFrom[entry.kind];
    await this.db.transaction(async (manager) => {
      await this.save([entry], manager);
      if (!field) return;
      await manager.query(
        `UPDATE ${this.idMap} SET updated_at = now(), actual = jsonb_set(actual, $1::text[],
           (SELECT coalesce(jsonb_agg(a), '[]'::jsonb) FROM jsonb_array_elements(actual -> $2) a
            WHERE a ->> 'name' <> $3))
         WHERE kind = 'user' AND actual -> $2 @> jsonb_build_array(jsonb_build_object('name', $3::text))`,
        [[field], field, entry.name],
      );
    });
  }

  /**
   * A user was deactivated or deleted for `key`. If meanwhile another key adopted that Genesys user (the email
   * passed on), the removal hit the new holder: its known state says so and it is made dirty, so it is activated
   * (or created) again rather than left behind a stale "active". The key that removed it never takes it back.
   */
  async userRemoved(key: string, actual: ActualUser, how: 'deactivated' | 'deleted'): Promise<void> {
    // TypeORM answers an UPDATE or DELETE with [rows, count].
    const [rows] =
      how === 'deleted'
        ? await this.db.query<[{ key: string }[], number]>(
            `DELETE FROM ${this.idMap} WHERE kind = 'user' AND genesys_id = $1 RETURNING key`,
            [actual.id],
          )
        : await this.db.query<[{ key: string }[], number]>(
            `UPDATE ${this.idMap}
             SET live = false, updated_at = now(),
                 actual = CASE WHEN key = $2 THEN $3::jsonb ELSE jsonb_set(actual, '{active}', 'false') END
             WHERE kind = 'user' AND genesys_id = $1 RETURNING key`,
            [actual.id, key, JSON.stringify(actual)],
          );
    await this.desired.redirtyUsers(rows.map((row) => row.key).filter((other) => other !== key));
  }

  /**
   * A patch of a Genesys user that `key` held when its reconcile began. If it still does, its known state is
   * updated. If another key adopted that user meanwhile (the email passed on), the patch hit the new holder: its
   * known state becomes what the patch left and it is made dirty, to be patched back; `key` is made dirty too, to
   * provision a user of its own. Answers whether `key` still holds it.
   */
  async userPatched(key: string, actual: ActualUser): Promise<boolean> {
    const [rows] = await this.db.query<[{ key: string }[], number]>(
      `UPDATE ${this.idMap} SET actual = $2::jsonb, name = $3, live = $4, updated_at = now()
       WHERE kind = 'user' AND genesys_id = $1 RETURNING key`,
      [actual.id, JSON.stringify(actual), actual.userName, actual.active],
    );
    const holders = rows.map((row) => row.key);
    if (holders.includes(key)) return true;
    await this.desired.redirtyUsers([key, ...holders]);
    return false;
  }

  async forget(kind: TargetKind, key: string): Promise<void> {
    await this.db.query(`DELETE FROM ${this.idMap} WHERE kind = $1 AND key = $2`, [kind, key]);
  }

  /**
   * What a batch of documents refers to, read at one instant: the live id map entry of each referenced key, and
   * which of those without one still wait to be delivered (dirty, present, not quarantined). One round trip for
   * the batch.
   */
  async references(wanted: readonly { kind: TargetKind; key: string }[]): Promise<References> {
    const live = new Map<string, IdMapEntry>();
    const pending = new Set<string>();
    if (wanted.length > 0) {
      // Each key is read by its primary key: the LIMIT keeps the lateral lookup from being flattened into a join,
      // which the planner, sizing the unnest by default, may run by hashing the whole id map: a cost that grows
      // with the center rather than with the batch. The objects are probed only for keys without an entry.
      const rows = await this.db.query<{ kind: TargetKind; key: string; entry: IdMapRow | null }[]>(
        `SELECT w.kind, w.key, to_jsonb(m) AS entry
         FROM (SELECT DISTINCT * FROM unnest($1::text[], $2::text[])) AS w(kind, key)
         LEFT JOIN LATERAL (
           SELECT * FROM ${this.idMap} m WHERE m.kind = w.kind AND m.key = w.key AND m.live LIMIT 1
         ) AS m ON true
         WHERE m.key IS NOT NULL
           OR EXISTS (SELECT FROM ${this.objects} o WHERE o.kind = w.kind AND o.key = w.key
                        AND o.dirty AND o.present AND NOT o.quarantined)`,
        [wanted.map((w) => w.kind), wanted.map((w) => w.key)],
      );
      for (const row of rows) {
        // Without an entry, a row is here because its object still waits to be delivered.
        if (row.entry) live.set(`${row.kind}:${row.key}`, entryOf(row.entry));
        else pending.add(`${row.kind}:${row.key}`);
      }
    }
    return {
      live: (kind, key) => live.get(`${kind}:${key}`),
      pending: (kind, key) => pending.has(`${kind}:${key}`),
    };
  }

  /** Which of these objects delivery has a desired state for (`kind:key`), present or absent. */
  async withDesiredState(wanted: readonly { kind: TargetKind; key: string }[]): Promise<Set<string>> {
    if (wanted.length === 0) return new Set();
    const rows = await this.db.query<{ kind: string; key: string }[]>(
      `SELECT o.kind, o.key FROM ${this.objects} o
       JOIN (SELECT DISTINCT * FROM unnest($1::text[], $2::text[])) AS w(kind, key) USING (kind, key)`,
      [wanted.map((w) => w.kind), wanted.map((w) => w.key)],
    );
    return new Set(rows.map((row) => `${row.kind}:${row.key}`));
  }

  /** Which of these Genesys ids the bridge manages (created or adopted). */
  async managedIds(kind: TargetKind, genesysIds: readonly string[]): Promise<Set<string>> {
    if (genesysIds.length === 0) return new Set();
    const rows = await this.db.query<{ genesys_id: string }[]>(
      `SELECT genesys_id FROM ${this.idMap} WHERE kind = $1 AND genesys_id = ANY($2)`,
      [kind, genesysIds],
    );
    return new Set(rows.map((row) => row.genesys_id));
  }

  /** Names of the skills or languages the bridge manages. */
  async managedNames(kind: TargetKind): Promise<Set<string>> {
    const rows = await this.db.query<{ name: string }[]>(
      `SELECT name FROM ${this.idMap} WHERE kind = $1 AND live`,
      [kind],
    );
    return new Set(rows.map((row) => row.name));
  }

  /** Every synced user: its CIC key and the Genesys user it is (the inbox lane follows their WFM topics). */
  async syncedUsers(): Promise<{ key: string; genesysId: string }[]> {
    const rows = await this.db.query<{ key: string; genesys_id: string }[]>(
      `SELECT key, genesys_id FROM ${this.idMap} WHERE kind = 'user' AND live ORDER BY key`,
    );
    return rows.map((row) => ({ key: row.key, genesysId: row.genesys_id }));
  }
}

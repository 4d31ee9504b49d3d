import { quoteIdentifier } from '@bridge/postgres';
import type { DataSource } from 'typeorm';

export type NamedKind = 'queue' | 'skill' | 'language';

/** A name object-mapping gives a CIC object in Genesys Cloud, or its absence (`name` undefined). */
export interface NameChange {
  readonly kind: NamedKind;
  readonly key: string;
  readonly name: string | undefined;
}

/** The Genesys names of CIC workgroups, skills and languages, as the latest desired documents say. */
export class GenesysNamesStore {
  private readonly table: string;

  constructor(
    private readonly db: DataSource,
    schema: string,
  ) {
    this.table = `${quoteIdentifier(schema)}.historical_upload_names`;
  }

  async store(changes: readonly NameChange[]): Promise<void> {
    // The newest per object wins within a batch (JetStream delivers a subject's messages in order).
    const latest = new Map(changes.map((c) => [`${c.kind}\n${c.key}`, c]));
    const present = [...latest.values()].filter((c) => c.name !== undefined);
    const absent = [...latest.values()].filter((c) => c.name === undefined);
    if (present.length > 0)
      await this.db.query(
        `INSERT INTO ${this.table} (kind, key, name) SELECT * FROM unnest($1::text[], $2::text[], $3::text[])
         ON CONFLICT (kind, key) DO UPDATE SET name = excluded.name`,
        [present.map((c) => c.kind), present.map((c) => c.key), present.map((c) => c.name)],
      );
    if (absent.length > 0)
      await this.db.query(
        `DELETE FROM ${this.table} WHERE (kind, key) IN (SELECT * FROM unnest($1::text[], $2::text[]))`,
        [absent.map((c) => c.kind), absent.map((c) => c.key)],
      );
  }

  /** Every name of one kind: CIC key → Genesys name. */
  async all(kind: NamedKind): Promise<Map<string, string>> {
    const rows = await this.db.query<{ key: string; name: string }[]>(
      `SELECT key, name FROM ${this.table} WHERE kind = $1`,
      [kind],
    );
    return new Map(rows.map((r) => [r.key, r.name]));
  }
}

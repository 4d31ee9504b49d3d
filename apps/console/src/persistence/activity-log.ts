import { quoteIdentifier } from '@bridge/postgres';
import type { ActivityEntry, ActivityFilter } from '@bridge/console-projection';
import type { TargetKind } from '@bridge/contracts';
import type { DataSource } from 'typeorm';

interface ActivityRow {
  at: Date;
  source: ActivityEntry['source'];
  actor: string;
  action: string;
  kind: string | null;
  key: string | null;
  detail: string;
}

/** console_activity: the Activity page's log, newest first. */
export class ActivityLog {
  private readonly table: string;

  constructor(
    private readonly db: DataSource,
    schema: string,
  ) {
    this.table = `${quoteIdentifier(schema)}.console_activity`;
  }

  /**
   * Adds entries; `origin` (e.g. the stream sequence an entry came from) makes adding one twice a no-op, so a
   * stream read again after a restart does not repeat the log.
   */
  async add(entries: readonly (ActivityEntry & { readonly origin?: string })[]): Promise<void> {
    if (entries.length === 0) return;
    await this.db.query(
      `INSERT INTO ${this.table} (at, source, actor, action, kind, key, detail, origin)
       SELECT * FROM unnest($1::timestamptz[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[])
       ON CONFLICT (origin) DO NOTHING`,
      [
        entries.map((e) => e.at),
        entries.map((e) => e.source),
        entries.map((e) => e.actor),
        entries.map((e) => e.action),
        entries.map((e) => e.kind ?? null),
        entries.map((e) => e.key ?? null),
        entries.map((e) => e.detail),
        entries.map((e) => e.origin ?? null),
      ],
    );
  }

  /** A page of the log, newest first, with the filter's conditions. */
  async page(filter: ActivityFilter): Promise<ActivityEntry[]> {
    const where: string[] = [];
    const values: unknown[] = [];
    const condition = (sql: (n: string) => string, value: unknown) => {
      values.push(value);
      where.push(sql(`$${values.length}`));
    };
    if (filter.source) condition((n) => `source = ${n}`, filter.source);
    if (filter.kind) condition((n) => `kind = ${n}`, filter.kind);
    if (filter.before) condition((n) => `at < ${n}`, filter.before);
    if (filter.text)
      condition(
        (n) => `(actor ILIKE ${n} OR action ILIKE ${n} OR key ILIKE ${n} OR detail ILIKE ${n})`,
        `%${filter.text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`,
      );
    values.push(filter.limit);
    const rows = await this.db.query<ActivityRow[]>(
      `SELECT at, source, actor, action, kind, key, detail FROM ${this.table}
       ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY at DESC, id DESC LIMIT $${values.length}`,
      values,
    );
    return rows.map((row) => ({
      at: row.at.toISOString(),
      source: row.source,
      actor: row.actor,
      action: row.action,
      ...(row.kind ? { kind: row.kind as TargetKind } : {}),
      ...(row.key ? { key: row.key } : {}),
      detail: row.detail,
    }));
  }
}

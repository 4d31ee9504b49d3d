import { createHash } from 'node:crypto';
import { quoteIdentifier } from '@bridge/postgres';
import type { OperatorOrigin } from '@bridge/console-access';
import type { DataSource } from 'typeorm';

export interface StoredSession {
  readonly operator: string;
  readonly origin: OperatorOrigin;
  readonly csrfToken: string;
  readonly createdAt: number;
  readonly lastSeenAt: number;
}

interface SessionRow {
  operator: string;
  origin: OperatorOrigin;
  csrf_token: string;
  created_at: Date;
  last_seen_at: Date;
}

/** A session id is kept only as its hash: a leaked table row does not sign anyone in. */
const hashOf = (id: string) => createHash('sha256').update(id).digest('base64url');

/** console_sessions: shared by every console instance, so an operator's session survives a restart. */
export class Sessions {
  private readonly table: string;

  constructor(
    private readonly db: DataSource,
    schema: string,
  ) {
    this.table = `${quoteIdentifier(schema)}.console_sessions`;
  }

  async create(id: string, session: Omit<StoredSession, 'lastSeenAt'>): Promise<void> {
    await this.db.query(
      `INSERT INTO ${this.table} (id_hash, operator, origin, csrf_token, created_at, last_seen_at)
       VALUES ($1, $2, $3, $4, $5, $5)`,
      [hashOf(id), session.operator, session.origin, session.csrfToken, new Date(session.createdAt)],
    );
  }

  async find(id: string): Promise<StoredSession | undefined> {
    const [row] = await this.db.query<SessionRow[]>(
      `SELECT operator, origin, csrf_token, created_at, last_seen_at FROM ${this.table} WHERE id_hash = $1`,
      [hashOf(id)],
    );
    return row
      ? {
          operator: row.operator,
          origin: row.origin,
          csrfToken: row.csrf_token,
          createdAt: row.created_at.getTime(),
          lastSeenAt: row.last_seen_at.getTime(),
        }
      : undefined;
  }

  async touch(id: string, now: number): Promise<void> {
    await this.db.query(`UPDATE ${this.table} SET last_seen_at = $2 WHERE id_hash = $1`, [
      hashOf(id),
      new Date(now),
    ]);
  }

  async delete(id: string): Promise<void> {
    await this.db.query(`DELETE FROM ${this.table} WHERE id_hash = $1`, [hashOf(id)]);
  }

  /** Drops sessions past either limit; run now and then so the table does not grow. */
  async prune(now: number, limits: { idleMs: number; maxMs: number }): Promise<void> {
    await this.db.query(`DELETE FROM ${this.table} WHERE created_at < $1 OR last_seen_at < $2`, [
      new Date(now - limits.maxMs),
      new Date(now - limits.idleMs),
    ]);
  }
}

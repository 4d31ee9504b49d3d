import type { DataSource } from 'typeorm';

/**
 * A lease on one row of a `(name, holder, lease_until)` table: the instance that holds it does the named work, the
 * others wait until it lapses or is released. The drift audit holds one, by name, in delivery_audit_passes.
 */
export class NamedLease {
  constructor(
    private readonly db: DataSource,
    private readonly table: string,
    private readonly name: string,
  ) {}

  /** Takes or renews the lease; answers whether this holder has it. */
  async lease(holder: string, leaseMs: number): Promise<boolean> {
    const rows = await this.db.query<{ name: string }[]>(
      `INSERT INTO ${this.table} AS p (name, holder, lease_until)
       VALUES ($1, $2, now() + make_interval(secs => $3::double precision / 1000))
       ON CONFLICT (name) DO UPDATE SET holder = EXCLUDED.holder, lease_until = EXCLUDED.lease_until
       WHERE p.holder = EXCLUDED.holder OR p.lease_until < now()
       RETURNING name`,
      [this.name, holder, leaseMs],
    );
    return rows.length > 0;
  }

  /** Lets the lease go (the service is stopping), so another instance or the next start takes it at once. */
  async release(holder: string): Promise<void> {
    await this.db.query(`UPDATE ${this.table} SET lease_until = now() WHERE name = $1 AND holder = $2`, [
      this.name,
      holder,
    ]);
  }
}

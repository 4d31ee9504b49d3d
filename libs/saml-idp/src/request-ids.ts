import { CappedMap, TABLE_CAPACITY } from './capped-map';

/**
 * Remembers the AuthnRequest ids the IdP has answered, so a captured request cannot be replayed to obtain a
 * second assertion. Ids are kept for `ttlMs` (longer than any AuthnRequest stays usable) and then forgotten, or
 * earlier when more than `capacity` arrive within the ttl (a flood must not exhaust memory; a replayed request
 * only ever reaches the login form, never an assertion without the password). State only, no I/O: the clock is
 * passed in.
 */
export class RequestIdLedger {
  // Insertion order is expiry order because every id is kept for the same ttl.
  private readonly expiries: CappedMap<string, number>;

  constructor(
    private readonly ttlMs: number,
    capacity: number = TABLE_CAPACITY.answeredRequestIds,
  ) {
    this.expiries = new CappedMap(capacity);
  }

  /** True the first time an id is seen within the ttl; false for a replay. */
  admit(id: string, now: number): boolean {
    this.forgetExpired(now);
    if (this.expiries.has(id)) return false;
    this.expiries.set(id, now + this.ttlMs);
    return true;
  }

  get size(): number {
    return this.expiries.size;
  }

  private forgetExpired(now: number): void {
    for (const [id, until] of this.expiries) {
      if (until > now) return;
      this.expiries.delete(id);
    }
  }
}

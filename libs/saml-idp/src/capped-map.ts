/**
 * How many entries each of the IdP's in-memory tables may hold. Anyone can mint an AuthnRequest (it is unsigned
 * and the SP entity id is public) and anyone can fail a login, so without a bound a stream of requests grows the
 * heap until the process dies. Past its capacity a table forgets its oldest entry: an abandoned login or an old
 * failure, never the request being answered.
 */
export const TABLE_CAPACITY = {
  pendingLogins: 10_000,
  /** Request ids are kept twice as long as a login stays open, so twice as many. */
  answeredRequestIds: 20_000,
  /** Per table: CIC user ids, and client addresses. */
  throttleKeys: 10_000,
} as const;

/** A Map of at most `capacity` entries: setting a key moves it to the end, and the oldest are evicted. */
export class CappedMap<K, V> extends Map<K, V> {
  constructor(readonly capacity: number) {
    super();
  }

  override set(key: K, value: V): this {
    super.delete(key);
    super.set(key, value);
    for (const oldest of this.keys()) {
      if (this.size <= this.capacity) break;
      this.delete(oldest);
    }
    return this;
  }
}

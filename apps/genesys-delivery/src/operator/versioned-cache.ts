/**
 * Holds one computed value per key together with the version of the inputs it was computed from. A read with the
 * same version within `maxAgeMs` gets the held value (or shares the computation still running); a new version, an
 * older entry or a failed computation computes again. The version must be read before the inputs, so a value is
 * never held under a version newer than what it saw; the age bounds what a version that missed a change could
 * cost.
 */
export class VersionedCache<T> {
  private readonly entries = new Map<string, { version: string; at: number; value: Promise<T> }>();

  constructor(
    private readonly maxAgeMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  get(key: string, version: string, compute: () => Promise<T>): Promise<T> {
    const held = this.entries.get(key);
    if (held && held.version === version && this.now() - held.at < this.maxAgeMs) return held.value;
    const value = compute();
    this.entries.set(key, { version, at: this.now(), value });
    value.catch(() => {
      if (this.entries.get(key)?.value === value) this.entries.delete(key);
    });
    return value;
  }
}

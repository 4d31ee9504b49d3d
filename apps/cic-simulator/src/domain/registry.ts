/** Objects by id. CIC ids are case-insensitive, so lookups fold case; iteration keeps insertion order. */
export class Registry<T extends { id: string }> {
  private readonly items = new Map<string, T>();
  /** Each key's place in insertion order, which a Map keeps but cannot be asked for. */
  private readonly places = new Map<string, number>();
  private nextPlace = 0;

  static key(id: string): string {
    return id.toLowerCase();
  }

  get(id: string): T | undefined {
    return this.items.get(Registry.key(id));
  }

  has(id: string): boolean {
    return this.items.has(Registry.key(id));
  }

  set(item: T): void {
    const key = Registry.key(item.id);
    if (!this.items.has(key)) this.places.set(key, this.nextPlace++);
    this.items.set(key, item);
  }

  delete(id: string): boolean {
    this.places.delete(Registry.key(id));
    return this.items.delete(Registry.key(id));
  }

  /**
   * The items of these keys (Registry.key) that exist, in insertion order as values() lists them, without
   * copying every item: a user's workgroups are a few among thousands.
   */
  only(keys: Iterable<string>): T[] {
    const found: [number, T][] = [];
    for (const key of keys) {
      const item = this.items.get(key);
      if (item) found.push([this.places.get(key) ?? 0, item]);
    }
    return found.sort(([a], [b]) => a - b).map(([, item]) => item);
  }

  values(): T[] {
    return [...this.items.values()];
  }

  get size(): number {
    return this.items.size;
  }
}

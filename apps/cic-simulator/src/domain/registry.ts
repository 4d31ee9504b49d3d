/** Objects by id. CIC ids are case-insensitive, so lookups fold case; iteration keeps insertion order. */
export class Registry<T extends { id: string }> {
  private readonly items = new Map<string, T>();

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
    this.items.set(Registry.key(item.id), item);
  }

  delete(id: string): boolean {
    return this.items.delete(Registry.key(id));
  }

  values(): T[] {
    return [...this.items.values()];
  }

  get size(): number {
    return this.items.size;
  }
}

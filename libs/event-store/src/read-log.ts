import type { EventStore, StoredEvent } from './event-store';

/**
 * The log after `after` (exclusive) in global order, a batch at a time, up to its end when the read began or
 * stopped earlier by `upTo`. The next batch's query is already running while the caller works on the current
 * one: a replay's database read and its apply run in different processes, and in turn each would wait on the
 * other. At most two batches are held.
 */
export async function* readLog(
  store: Pick<EventStore, 'readAll'>,
  options: { readonly batchSize: number; readonly after?: number; readonly upTo?: number },
): AsyncGenerator<readonly StoredEvent[]> {
  const upTo = options.upTo ?? Number.MAX_SAFE_INTEGER;
  let next: Promise<readonly StoredEvent[]> | undefined = store.readAll(
    options.after ?? 0,
    options.batchSize,
  );
  try {
    while (next) {
      const read: readonly StoredEvent[] = await next;
      const batch = read.filter((event) => event.position <= upTo);
      const last = batch.at(-1);
      next =
        last && batch.length === read.length && read.length === options.batchSize && last.position < upTo
          ? store.readAll(last.position, options.batchSize)
          : undefined;
      if (batch.length > 0) yield batch;
    }
  } finally {
    // A caller that stops early leaves the read ahead running; its failure is nobody's to hear.
    next?.catch(() => undefined);
  }
}

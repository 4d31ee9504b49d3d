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

/** A store that can read a range of the log with superseded events left out (both adapters). */
export interface RangeReader {
  /** The last position of the log; 0 when it is empty. */
  lastPosition(): Promise<number>;
  /**
   * The events in (fromPosition, toPosition] in global order, less those of a stream named by one of the
   * `newestOnlyOf` prefixes that a later event of the same stream, at or before `upTo`, supersedes.
   */
  readRange(
    fromPosition: number,
    toPosition: number,
    newestOnlyOf: readonly string[],
    upTo: number,
  ): Promise<StoredEvent[]>;
}

/**
 * The log as it stood when the read began, in global order, a position range of `batchSize` at a time, with
 * only the newest event of each stream named by a `newestOnlyOf` prefix: for a projection whose state of such a
 * stream is that stream's last event (the event carries the whole state and nothing in the projection depends on
 * the ones before), a rebuild needs no other, and most of a year's log is status changes and interaction steps.
 * The next range is read ahead as in readLog. Yields `upTo`, the position the read covers, with each batch.
 */
export async function* readNewestOf(
  store: RangeReader,
  options: { readonly batchSize: number; readonly newestOnlyOf: readonly string[] },
): AsyncGenerator<{ readonly events: readonly StoredEvent[]; readonly upTo: number }> {
  const last = await store.lastPosition();
  const range = (from: number) => {
    const upTo = Math.min(from + options.batchSize, last);
    return store.readRange(from, upTo, options.newestOnlyOf, last).then((events) => ({ events, upTo }));
  };
  let next: Promise<{ events: readonly StoredEvent[]; upTo: number }> | undefined =
    last > 0 ? range(0) : undefined;
  try {
    while (next) {
      const read: { events: readonly StoredEvent[]; upTo: number } = await next;
      next = read.upTo < last ? range(read.upTo) : undefined;
      yield read;
    }
  } finally {
    next?.catch(() => undefined);
  }
}

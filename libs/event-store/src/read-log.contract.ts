import type { EventStore, StoredEvent } from './event-store';
import { readNewestOf, type RangeReader } from './read-log';

/** readNewestOf on an adapter: the same behaviour from the fake and from Postgres. */
export function describeReadNewestOfContract(
  name: string,
  createStore: () => Promise<EventStore & RangeReader>,
): void {
  describe(`readNewestOf (${name})`, () => {
    const positions = async (store: RangeReader, newestOnlyOf: readonly string[], batchSize: number) => {
      const read: StoredEvent[] = [];
      let covered = 0;
      for await (const batch of readNewestOf(store, { batchSize, newestOnlyOf })) {
        read.push(...batch.events);
        covered = batch.upTo;
      }
      return { ids: read.map((event) => event.id), covered };
    };

    it('keeps every event of other streams and only the newest of the named ones, in log order', async () => {
      const store = await createStore();
      const run = `${Date.now()}-${Math.random()}`;
      const append = (stream: string, id: string) =>
        store.append(`${stream}:${run}`, 'any', [
          { id: crypto.randomUUID(), type: 'Happened', data: { id } },
        ]);
      await append('status', 's1');
      await append('config', 'c1');
      await append('status', 's2');
      await append('config', 'c2');
      await append('other-status', 'o1');
      const ids = async (newestOnlyOf: readonly string[], batchSize: number) => {
        const read = await positions(store, newestOnlyOf, batchSize);
        const all = await store.readAll(0, 1_000_000);
        const mine = new Map(all.filter((e) => e.streamId.endsWith(run)).map((e) => [e.id, e] as const));
        return {
          ids: read.ids.filter((id) => mine.has(id)).map((id) => (mine.get(id)?.data as { id: string }).id),
          coversTheLog: read.covered === all.at(-1)?.position,
        };
      };
      expect(await ids(['status:'], 2)).toEqual({ ids: ['c1', 's2', 'c2', 'o1'], coversTheLog: true });
      expect(await ids([], 3)).toEqual({ ids: ['s1', 'c1', 's2', 'c2', 'o1'], coversTheLog: true });
    });
  });
}

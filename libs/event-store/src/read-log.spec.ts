import { describeReadNewestOfContract } from './read-log.contract';
import type { StoredEvent } from './event-store';
import { InMemoryEventStore } from './in-memory-event-store';
import { readLog } from './read-log';

async function storeWith(count: number): Promise<InMemoryEventStore> {
  const store = new InMemoryEventStore();
  for (let i = 0; i < count; i++)
    await store.append(`s-${i % 3}`, 'any', [{ id: `e-${i}`, type: 'Happened', data: { i } }]);
  return store;
}

async function batchesOf(read: AsyncIterable<readonly StoredEvent[]>): Promise<number[][]> {
  const batches: number[][] = [];
  for await (const batch of read) batches.push(batch.map((event) => event.position));
  return batches;
}

describe('readLog', () => {
  it('reads the whole log in order, a batch at a time', async () => {
    const batches = await batchesOf(readLog(await storeWith(25), { batchSize: 10 }));
    expect(batches.map((batch) => batch.length)).toEqual([10, 10, 5]);
    expect(batches.flat()).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
  });

  it('starts after a position and stops at upTo', async () => {
    const store = await storeWith(25);
    expect((await batchesOf(readLog(store, { batchSize: 10, after: 20 }))).flat()).toEqual([
      21, 22, 23, 24, 25,
    ]);
    expect(await batchesOf(readLog(store, { batchSize: 10, upTo: 12 }))).toEqual([
      [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
      [11, 12],
    ]);
  });

  it('has the next batch asked for while the caller works on the current one', async () => {
    const store = await storeWith(30);
    const asked: number[] = [];
    const counting = {
      readAll: (from: number, size: number) => {
        asked.push(from);
        return store.readAll(from, size);
      },
    };
    const read = readLog(counting, { batchSize: 10 });
    await read.next();
    expect(asked).toEqual([0, 10]);
    await read.return(undefined);
  });

  it('yields nothing for an empty log', async () => {
    expect(await batchesOf(readLog(new InMemoryEventStore(), { batchSize: 10 }))).toEqual([]);
  });
});

describeReadNewestOfContract('in memory', async () => new InMemoryEventStore());

import { randomUUID } from 'node:crypto';
import { WrongExpectedVersionError, type EventStore, type NewEvent } from './event-store';

const anEvent = (type = 'CicUserChanged', data: unknown = { n: 1 }): NewEvent => ({
  id: randomUUID(),
  type,
  data,
});

/**
 * What every EventStore adapter must do. Runs against the in-memory fake (unit) and Postgres (integration), so
 * the fake used in other tests is proven honest.
 */
export function describeEventStoreContract(name: string, create: () => Promise<EventStore>): void {
  describe(`EventStore contract: ${name}`, () => {
    let store: EventStore;
    beforeEach(async () => {
      store = await create();
    });

    it('numbers a new stream from 1 and reads it back in order', async () => {
      const stream = `cic-user:${randomUUID()}`;
      const events = [anEvent('A', { a: 1 }), anEvent('B', { b: [1, 2] })];
      expect(await store.append(stream, 'noStream', events)).toEqual({
        streamId: stream,
        nextVersion: 2,
        appended: 2,
      });
      const read = await store.readStream(stream);
      expect(read.map((e) => [e.streamVersion, e.type, e.data])).toEqual([
        [1, 'A', { a: 1 }],
        [2, 'B', { b: [1, 2] }],
      ]);
      expect(read[0]?.id).toBe(events[0]?.id);
    });

    it('rejects an append whose expected version is stale, naming the actual version', async () => {
      const stream = `s:${randomUUID()}`;
      await store.append(stream, 0, [anEvent()]);
      const attempt = store.append(stream, 0, [anEvent()]);
      await expect(attempt).rejects.toBeInstanceOf(WrongExpectedVersionError);
      await expect(attempt).rejects.toMatchObject({ streamId: stream, actualVersion: 1 });
      expect(await store.readStream(stream)).toHaveLength(1);
    });

    it('accepts any version when asked to, and the exact one otherwise', async () => {
      const stream = `s:${randomUUID()}`;
      await store.append(stream, 'any', [anEvent()]);
      await store.append(stream, 1, [anEvent()]);
      expect((await store.append(stream, 'any', [anEvent()])).nextVersion).toBe(3);
    });

    it('rejects an expected version the stream has not reached yet', async () => {
      const stream = `s:${randomUUID()}`;
      await store.append(stream, 'noStream', [anEvent()]);
      await expect(store.append(stream, 3, [anEvent()])).rejects.toMatchObject({
        streamId: stream,
        actualVersion: 1,
      });
      expect(await store.readStream(stream)).toHaveLength(1);
    });

    it('appends only the events not stored yet when a retry brings new ones with it', async () => {
      const stream = `s:${randomUUID()}`;
      const [stored, fresh] = [anEvent('A'), anEvent('B')];
      await store.append(stream, 'noStream', [stored]);
      expect(await store.append(stream, 'any', [stored, fresh])).toEqual({
        streamId: stream,
        nextVersion: 2,
        appended: 1,
      });
      expect((await store.readStream(stream)).map((e) => [e.streamVersion, e.type])).toEqual([
        [1, 'A'],
        [2, 'B'],
      ]);
    });

    it('treats re-appending stored event ids as a no-op, even with a stale expected version', async () => {
      const stream = `s:${randomUUID()}`;
      const events = [anEvent(), anEvent()];
      await store.append(stream, 'noStream', events);
      expect(await store.append(stream, 'noStream', events)).toEqual({
        streamId: stream,
        nextVersion: 2,
        appended: 0,
      });
      expect(await store.readStream(stream)).toHaveLength(2);
    });

    it('appends to several streams atomically: one stale stream fails them all', async () => {
      const [a, b] = [`s:${randomUUID()}`, `s:${randomUUID()}`];
      await store.append(b, 'noStream', [anEvent()]);
      await expect(
        store.appendMany([
          { streamId: a, expectedVersion: 'noStream', events: [anEvent()] },
          { streamId: b, expectedVersion: 'noStream', events: [anEvent()] },
        ]),
      ).rejects.toBeInstanceOf(WrongExpectedVersionError);
      expect(await store.readStream(a)).toEqual([]);
    });

    it('numbers a stream named twice in one call consecutively, checking the second against the first', async () => {
      const stream = `s:${randomUUID()}`;
      const results = await store.appendMany([
        { streamId: stream, expectedVersion: 'noStream', events: [anEvent('A'), anEvent('B')] },
        { streamId: stream, expectedVersion: 2, events: [anEvent('C')] },
      ]);
      expect(results.map((r) => r.nextVersion)).toEqual([2, 3]);
      expect((await store.readStream(stream)).map((e) => [e.streamVersion, e.type])).toEqual([
        [1, 'A'],
        [2, 'B'],
        [3, 'C'],
      ]);
      await expect(
        store.appendMany([
          { streamId: stream, expectedVersion: 3, events: [anEvent()] },
          { streamId: stream, expectedVersion: 3, events: [anEvent()] },
        ]),
      ).rejects.toMatchObject({ streamId: stream, actualVersion: 4 });
    });

    it('reads the whole log after a position, in order, in batches', async () => {
      const start = (await store.readAll(0, 1_000_000)).at(-1)?.position ?? 0;
      const stream = `s:${randomUUID()}`;
      const events = Array.from({ length: 5 }, (_, i) => anEvent('E', { i }));
      await store.append(stream, 'noStream', events);
      const first = await store.readAll(start, 3);
      const rest = await store.readAll(first.at(-1)?.position ?? 0, 10);
      expect([...first, ...rest].map((e) => e.data)).toEqual(events.map((e) => e.data));
      expect(first.every((e, i) => i === 0 || e.position > (first[i - 1]?.position ?? 0))).toBe(true);
    });

    it('reads a stream from a given version', async () => {
      const stream = `s:${randomUUID()}`;
      await store.append(stream, 'noStream', [anEvent('A'), anEvent('B'), anEvent('C')]);
      expect((await store.readStream(stream, 2)).map((e) => e.type)).toEqual(['B', 'C']);
    });
  });
}

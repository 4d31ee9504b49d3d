import {
  checkExpectedVersion,
  type AppendRequest,
  type AppendResult,
  type EventStore,
  type ExpectedVersion,
  type NewEvent,
  type StoredEvent,
} from './event-store';

/** The EventStore port in memory, for unit tests of code that appends or reads; proven by the contract suite. */
export class InMemoryEventStore implements EventStore {
  private readonly log: StoredEvent[] = [];
  private readonly ids = new Set<string>();

  constructor(private readonly now: () => Date = () => new Date()) {}

  async append(streamId: string, expectedVersion: ExpectedVersion, events: readonly NewEvent[]) {
    const [result] = await this.appendMany([{ streamId, expectedVersion, events }]);
    return result as AppendResult;
  }

  async appendMany(requests: readonly AppendRequest[]): Promise<AppendResult[]> {
    const versions = new Map<string, number>();
    const planned: StoredEvent[] = [];
    const results = requests.map((request) => {
      const fresh = request.events.filter((event) => !this.ids.has(event.id));
      const current = versions.get(request.streamId) ?? this.versionOf(request.streamId);
      if (fresh.length > 0) checkExpectedVersion(request.streamId, request.expectedVersion, current);
      fresh.forEach((event, index) =>
        planned.push({
          position: this.log.length + planned.length + 1,
          id: event.id,
          streamId: request.streamId,
          streamVersion: current + index + 1,
          type: event.type,
          data: structuredClone(event.data),
          metadata: structuredClone(event.metadata ?? {}),
          recordedAt: this.now(),
        }),
      );
      versions.set(request.streamId, current + fresh.length);
      return { streamId: request.streamId, nextVersion: current + fresh.length, appended: fresh.length };
    });
    for (const event of planned) {
      this.log.push(event);
      this.ids.add(event.id);
    }
    return results;
  }

  async readStream(streamId: string, fromVersion = 1): Promise<StoredEvent[]> {
    return this.log.filter((event) => event.streamId === streamId && event.streamVersion >= fromVersion);
  }

  async readAll(fromPosition: number, batchSize: number): Promise<StoredEvent[]> {
    return this.log.filter((event) => event.position > fromPosition).slice(0, batchSize);
  }

  async lastPosition(): Promise<number> {
    return this.log.at(-1)?.position ?? 0;
  }

  async readRange(
    fromPosition: number,
    toPosition: number,
    newestOnlyOf: readonly string[],
    upTo: number,
  ): Promise<StoredEvent[]> {
    return this.log.filter(
      (event) =>
        event.position > fromPosition &&
        event.position <= toPosition &&
        !(
          newestOnlyOf.some((prefix) => event.streamId.startsWith(prefix)) &&
          this.log.some(
            (later) =>
              later.streamId === event.streamId &&
              later.streamVersion > event.streamVersion &&
              later.position <= upTo,
          )
        ),
    );
  }

  private versionOf(streamId: string): number {
    return this.log.filter((event) => event.streamId === streamId).length;
  }
}

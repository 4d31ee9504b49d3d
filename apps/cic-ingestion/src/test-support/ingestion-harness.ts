import { InMemoryEventStore, type AppendRequest, type AppendResult } from '@bridge/event-store';
import type { IcwsSession } from '@bridge/icws-client';
import { CicEventLog } from '../cic-event-log';
import { CicIngestion } from '../cic-ingestion.service';
import { QueueWatch } from '../queue-watch';
import { StatusSubscription } from '../status-subscription';

/** Counts the appends, to see the chunks and batches events are appended in; each takes `delayMs`, as I/O does. */
export class CountingStore extends InMemoryEventStore {
  appends = 0;

  constructor(private readonly delayMs = 0) {
    super();
  }

  override async appendMany(requests: readonly AppendRequest[]): Promise<AppendResult[]> {
    this.appends++;
    if (this.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
    return super.appendMany(requests);
  }
}

const session = { sessionId: 'test-session' } as IcwsSession;

/**
 * An ingestion on `store` (a fresh one by default), in an open ICWS session, with the user lists its status
 * subscription PUT recorded in `userIdPuts`.
 */
export function ingestionOn(store = new CountingStore()) {
  const userIdPuts: string[][] = [];
  const subscription = new StatusSubscription({
    coalesceMs: 5,
    putUserIds: async (_, userIds) => void userIdPuts.push([...userIds]),
    putStatusMessages: async () => undefined,
  });
  const workgroupPuts: string[][] = [];
  const queueWatch = new QueueWatch({
    coalesceMs: 5,
    putWorkgroupIds: async (_, workgroupIds) => void workgroupPuts.push([...workgroupIds]),
  });
  const ingestion = new CicIngestion(new CicEventLog(store), subscription, queueWatch);
  ingestion.sessionOpened();
  /** `<type> <stream>` of every event appended after `from` events. */
  const appended = async (from = 0) => {
    await ingestion.settled();
    return (await store.readAll(from, 100_000)).map((event) => `${event.type} ${event.streamId}`);
  };
  return { ingestion, store, appended, subscription, queueWatch, session, userIdPuts, workgroupPuts };
}

import { cicStreamId, type Envelope } from '@bridge/contracts';
import {
  connectNats,
  ensureStreams,
  EventPublisher,
  lastMessageId,
  Topology,
  type NatsConnection,
} from '@bridge/messaging';
import { createIsolation, type Isolation } from '@bridge/testing';
import { jetstream } from '@nats-io/jetstream';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { openEventStoreDatabase } from './data-source';
import { envelopeToNewEvent } from './envelope-events';
import { OutboxRelay } from './outbox-relay';
import { appendedChannel, PostgresEventStore } from './postgres-event-store';
import { relayToJetStream } from './relay-to-jetstream';

let isolation: Isolation;
let dataSource: DataSource;
let nats: NatsConnection;
let topology: Topology;
let store: PostgresEventStore;
let relays: OutboxRelay[] = [];

beforeEach(async () => {
  isolation = await createIsolation('relay');
  dataSource = await openEventStoreDatabase({ url: isolation.databaseUrl, schema: isolation.schema });
  nats = await connectNats(isolation.natsUrl, 'relay-test');
  topology = new Topology(isolation.namespace);
  await ensureStreams(nats, topology);
  store = new PostgresEventStore(dataSource, isolation.schema);
});
afterEach(async () => {
  await Promise.all(relays.map((r) => r.stop()));
  relays = [];
  await nats.close();
  await dataSource.destroy();
  await isolation.dispose();
});

const userRemoved = (id: string): Envelope => ({
  id: randomUUID(),
  type: 'CicUserRemoved',
  schemaVersion: 1,
  occurredAt: new Date().toISOString(),
  source: 'test',
  correlationId: randomUUID(),
  data: { id },
});

function relay(
  publish = relayToJetStream(new EventPublisher(nats, topology)),
  onLeadership?: (leader: boolean) => void,
  onEpoch?: (epoch: string) => void,
): OutboxRelay {
  const created = new OutboxRelay({
    name: 'cic',
    databaseUrl: isolation.databaseUrl,
    schema: isolation.schema,
    dataSource,
    store,
    publish,
    batchSize: 500,
    pollIntervalMs: 200,
    onLeadership,
    onEpoch,
    lastPublished: () => lastMessageId(nats, topology.stream('CIC')),
  });
  relays.push(created);
  return created;
}

/** Every message in the CIC stream, in stream order. */
async function published(expected: number, timeoutMs = 30_000): Promise<Envelope[]> {
  const consumer = await jetstream(nats).consumers.get(topology.stream('CIC'));
  const received: Envelope[] = [];
  const deadline = Date.now() + timeoutMs;
  while (received.length < expected && Date.now() < deadline) {
    const batch = await consumer.fetch({ max_messages: 1000, expires: 1000 });
    for await (const message of batch) received.push(message.json<Envelope>());
  }
  // Anything more would be a duplicate: give it a moment to show up.
  const extra = await consumer.fetch({ max_messages: 10, expires: 1000 });
  for await (const message of extra) received.push(message.json<Envelope>());
  return received;
}

it('re-publishes after a crash between publishing and advancing the cursor, and each event arrives once, in order', async () => {
  const envelopes = Array.from({ length: 20 }, (_, i) => userRemoved(`user.${i}`));
  for (const envelope of envelopes) {
    await store.append(cicStreamId('user', envelope.id), 'any', [envelopeToNewEvent(envelope)]);
  }
  const publishThenCrash = relayToJetStream(new EventPublisher(nats, topology));
  const crashing = relay(async (events, epoch) => {
    await publishThenCrash(events, epoch);
    throw new Error('killed before the cursor moved');
  });
  await expect(crashing.relayBatch()).rejects.toThrow('killed before the cursor moved');
  expect(await crashing.cursor()).toBe(0);

  const restarted = relay();
  while ((await restarted.relayBatch()) > 0);

  const received = await published(envelopes.length);
  expect(received.map((e) => e.id)).toEqual(envelopes.map((e) => e.id));
});

it('delivers 2,000 events appended by several writers at once, complete and in global order', async () => {
  const running = relay();
  running.start();
  const writers = Array.from({ length: 4 }, async (_, writer) => {
    for (let batch = 0; batch < 20; batch++) {
      const envelopes = Array.from({ length: 25 }, (_, i) => userRemoved(`w${writer}.${batch}.${i}`));
      await store.appendMany(
        envelopes.map((envelope) => ({
          streamId: cicStreamId('user', (envelope.data as { id: string }).id),
          expectedVersion: 'any' as const,
          events: [envelopeToNewEvent(envelope)],
        })),
      );
    }
  });
  await Promise.all(writers);
  const received = await published(2_000, 60_000);
  const log = await store.readAll(0, 4_000);
  expect(log).toHaveLength(2_000);
  expect(received.map((e) => e.id)).toEqual(log.map((e) => e.id));
}, 90_000);

it('lets one relay of several publish, and another take over when it stops', async () => {
  const leaders: string[] = [];
  const first = relay(undefined, (leader) => leader && leaders.push('first'));
  const second = relay(undefined, (leader) => leader && leaders.push('second'));
  first.start();
  await new Promise((resolve) => setTimeout(resolve, 300));
  second.start();
  await store.append('s:a', 'any', [envelopeToNewEvent(userRemoved('a'))]);
  await new Promise((resolve) => setTimeout(resolve, 500));
  expect(leaders).toEqual(['first']);
  await first.stop();
  await store.append('s:b', 'any', [envelopeToNewEvent(userRemoved('b'))]);
  const received = await published(2);
  expect(leaders).toEqual(['first', 'second']);
  expect(received.map((e) => (e.data as { id: string }).id)).toEqual(['a', 'b']);
});

async function appendEach(envelopes: readonly Envelope[]): Promise<void> {
  for (const envelope of envelopes) {
    await store.append(cicStreamId('user', (envelope.data as { id: string }).id), 'any', [
      envelopeToNewEvent(envelope),
    ]);
  }
}

async function relayAll(relayer: OutboxRelay): Promise<void> {
  while ((await relayer.relayBatch()) > 0);
}

it("publishes a wiped store's events again though JetStream saw their ids within its duplicate window", async () => {
  const envelopes = Array.from({ length: 5 }, (_, i) => userRemoved(`user.${i}`));
  await appendEach(envelopes);
  await relayAll(relay());
  const before = await relay().storeEpoch();

  // The database is lost: a fresh schema, and the same deterministic events appended again.
  await dataSource.query(`DROP SCHEMA "${isolation.schema}" CASCADE`);
  await dataSource.destroy();
  dataSource = await openEventStoreDatabase({ url: isolation.databaseUrl, schema: isolation.schema });
  store = new PostgresEventStore(dataSource, isolation.schema);
  await appendEach(envelopes);
  const fresh = relay();
  await relayAll(fresh);

  expect(await fresh.storeEpoch()).not.toBe(before);
  const received = await published(envelopes.length * 2);
  expect(received.map((e) => e.id)).toEqual([...envelopes, ...envelopes].map((e) => e.id));
});

it('takes a new epoch at start when the database was restored from a backup older than the stream', async () => {
  const [first, second, third] = Array.from({ length: 3 }, (_, i) => userRemoved(`user.${i}`)) as [
    Envelope,
    Envelope,
    Envelope,
  ];
  await appendEach([first, second, third]);
  await relayAll(relay());
  const before = await relay().storeEpoch();

  // The backup was taken after the first event was relayed; the second comes again after the restore, so the
  // stream's last message must be it, not the third.
  const [kept] = await store.readAll(0, 1);
  await dataSource.query(`DELETE FROM "${isolation.schema}".events WHERE position > $1`, [kept?.position]);
  await dataSource.query(`UPDATE "${isolation.schema}".outbox_cursors SET position = $1`, [kept?.position]);
  await appendEach([second]);
  const epochs: string[] = [];
  const restored = relay(undefined, undefined, (epoch) => epochs.push(epoch));
  restored.start();

  const received = await published(4);
  expect(epochs).toHaveLength(1);
  expect(epochs[0]).not.toBe(before);
  expect(received.map((e) => e.id)).toEqual([first, second, third, second].map((e) => e.id));
});

it('gives up leadership and takes the lock again when its Postgres session ends, then relays on', async () => {
  const leadership: boolean[] = [];
  const running = relay(undefined, (leader) => leadership.push(leader));
  running.start();
  await store.append('s:a', 'any', [envelopeToNewEvent(userRemoved('a'))]);
  await published(1);

  // What a Postgres restart does to the listener's session; the pool's connections come back by themselves.
  await dataSource.query(
    `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query = $1 AND pid <> pg_backend_pid()`,
    [`LISTEN "${appendedChannel(isolation.schema)}"`],
  );
  await store.append('s:b', 'any', [envelopeToNewEvent(userRemoved('b'))]);

  const received = await published(2);
  expect(received.map((e) => (e.data as { id: string }).id)).toEqual(['a', 'b']);
  expect(leadership).toEqual([true, false, true]);
});

it('moves an asynchronous cursor as the synchronous one, and leaves the pool committing synchronously', async () => {
  const batches: number[] = [];
  const asynchronous = new OutboxRelay({
    name: 'projection',
    databaseUrl: isolation.databaseUrl,
    schema: isolation.schema,
    dataSource,
    store,
    publish: async (events) => {
      batches.push(events.length);
    },
    batchSize: 2,
    asynchronousCursor: true,
  });
  for (const id of ['a', 'b', 'c'])
    await store.append(cicStreamId('user', id), 'noStream', [envelopeToNewEvent(userRemoved(id))]);

  while ((await asynchronous.relayBatch()) > 0);

  expect(batches).toEqual([2, 1]);
  expect(await asynchronous.cursor()).toBe(3);
  // Every connection of the pool: the commit mode was the cursor statement's own, not its session's.
  const modes = await Promise.all(
    Array.from({ length: 4 }, () =>
      dataSource.query<{ mode: string }[]>(`SELECT current_setting('synchronous_commit') AS mode`),
    ),
  );
  expect(modes.map(([row]) => row?.mode)).toEqual(['on', 'on', 'on', 'on']);
});

it('reading ahead, relays each event once in order, and follows a cursor set back while it read ahead', async () => {
  const relayed: number[] = [];
  const ahead = new OutboxRelay({
    name: 'ahead',
    databaseUrl: isolation.databaseUrl,
    schema: isolation.schema,
    dataSource,
    store,
    publish: async (events) => {
      relayed.push(...events.map((event) => event.position));
    },
    batchSize: 2,
    readAhead: true,
  });
  for (const id of ['a', 'b', 'c', 'd', 'e'])
    await store.append(cicStreamId('user', id), 'noStream', [envelopeToNewEvent(userRemoved(id))]);

  await ahead.relayBatch();
  // A consumer sends its relay back (as the interval projection after a rebuild): the batch read ahead after 2
  // is not what follows.
  await dataSource.query(
    `UPDATE "${isolation.schema}".outbox_cursors SET position = 1 WHERE relay = 'ahead'`,
  );
  await ahead.relayBatch();
  await ahead.relayBatch();
  // Its read ahead after 5 found nothing; what is appended since comes all the same.
  await store.append(cicStreamId('user', 'f'), 'noStream', [envelopeToNewEvent(userRemoved('f'))]);
  await ahead.relayBatch();

  expect(relayed).toEqual([1, 2, 2, 3, 4, 5, 6]);
  expect(await ahead.relayBatch()).toBe(0);
});

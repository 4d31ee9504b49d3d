// Event store and outbox relay throughput, beside the raw baselines (plain pg inserts, plain JetStream
// publishes) measured in the same run, so the overhead shows as a ratio. Run: npm run bench.
import { CicUserRemoved, type Envelope } from '@bridge/contracts';
import {
  envelopeToNewEvent,
  openEventStoreDatabase,
  OutboxRelay,
  PostgresEventStore,
  relayToJetStream,
} from '@bridge/event-store';
import { connectNats, ensureStreams, EventPublisher, Topology } from '@bridge/messaging';
import { createIsolation } from '@bridge/testing';
import { jetstream } from '@nats-io/jetstream';
import { randomUUID } from 'node:crypto';
import { describeMachine, medianRate, pairedRates, printTable } from '../machine';

const ROUNDS = 5;
const SINGLE = 1000;
const BATCH = 500;
const BATCHES = 10;
const RELAYED = 10_000;
const SNAPSHOT = 10_000;

const envelope = (i: number): Envelope => ({
  id: randomUUID(),
  type: 'CicUserRemoved',
  schemaVersion: 1,
  occurredAt: new Date().toISOString(),
  source: 'bench',
  correlationId: randomUUID(),
  data: { id: `user.${i}` },
});

async function main(): Promise<void> {
  console.log(describeMachine());
  const isolation = await createIsolation('bench');
  const dataSource = await openEventStoreDatabase({ url: isolation.databaseUrl, schema: isolation.schema });
  const nats = await connectNats(isolation.natsUrl, 'bench');
  const topology = new Topology(isolation.namespace);
  await ensureStreams(nats, topology);
  const store = new PostgresEventStore(dataSource, isolation.schema);
  await dataSource.query(
    `CREATE TABLE "${isolation.schema}".plain (
       id uuid PRIMARY KEY, stream_id text NOT NULL, stream_version integer NOT NULL, type text NOT NULL,
       data jsonb NOT NULL, metadata jsonb NOT NULL)`,
  );
  const plain = `"${isolation.schema}".plain`;
  const freshStreams = (count: number, expectedVersion: 'noStream' | 'any' = 'noStream') =>
    Array.from({ length: count }, (_, i) => ({
      streamId: `cic-user:${randomUUID()}`,
      expectedVersion,
      events: [envelopeToNewEvent(envelope(i))],
    }));
  // The same rows as an append stores, into a table with only a primary key.
  const insertPlain = (count: number) => {
    const rows = freshStreams(count);
    return dataSource.query(
      `INSERT INTO ${plain} (id, stream_id, stream_version, type, data, metadata)
       SELECT id, stream_id, 1, type, data, metadata
       FROM unnest($1::uuid[], $2::text[], $3::text[], $4::jsonb[], $5::jsonb[]) AS r(id, stream_id, type, data, metadata)`,
      [
        rows.map((r) => r.events[0]?.id),
        rows.map((r) => r.streamId),
        rows.map((r) => r.events[0]?.type),
        rows.map((r) => JSON.stringify(r.events[0]?.data)),
        rows.map((r) => JSON.stringify(r.events[0]?.metadata)),
      ],
    );
  };
  try {
    const one = await pairedRates(
      ROUNDS,
      SINGLE,
      async () => {
        for (let i = 0; i < SINGLE; i++) await store.appendMany(freshStreams(1));
      },
      async () => {
        for (let i = 0; i < SINGLE; i++) await insertPlain(1);
      },
    );
    const batched = await pairedRates(
      ROUNDS,
      BATCH * BATCHES,
      async () => {
        for (let b = 0; b < BATCHES; b++) await store.appendMany(freshStreams(BATCH));
      },
      async () => {
        for (let b = 0; b < BATCHES; b++) await insertPlain(BATCH);
      },
    );
    // cic-ingestion appends with 'any', which costs a read of each stream's version that 'noStream' does not.
    const batchedAny = await pairedRates(
      ROUNDS,
      BATCH * BATCHES,
      async () => {
        for (let b = 0; b < BATCHES; b++) await store.appendMany(freshStreams(BATCH, 'any'));
      },
      async () => {
        for (let b = 0; b < BATCHES; b++) await insertPlain(BATCH);
      },
    );
    // A CIC snapshot arrives as one call with one request per object.
    const snapshot = await pairedRates(
      3,
      SNAPSHOT,
      async () => void (await store.appendMany(freshStreams(SNAPSHOT))),
      async () => void (await insertPlain(SNAPSHOT)),
    );

    const publisher = new EventPublisher(nats, topology);
    const relayRates: number[] = [];
    let relayName = 0;
    const relay = await medianRate(3, RELAYED, async () => {
      const relayer = new OutboxRelay({
        name: `bench-${relayName++}`,
        databaseUrl: isolation.databaseUrl,
        schema: isolation.schema,
        dataSource,
        store,
        publish: relayToJetStream(publisher),
        batchSize: 1000,
      });
      // A fresh cursor relays the whole log; stop after RELAYED events.
      let relayed = 0;
      while (relayed < RELAYED) relayed += await relayer.relayBatch();
    });
    relayRates.push(relay);
    const js = jetstream(nats);
    const subject = topology.subject(CicUserRemoved.subject);
    const publishPlain = await medianRate(3, RELAYED, async () => {
      for (let i = 0; i < RELAYED; i++) await js.publish(subject, JSON.stringify(envelope(i)));
    });

    const rate = (value: number) => `${Math.round(value).toLocaleString('en')}/s`;
    printTable(`event store (alternating rounds, median of ${ROUNDS}; snapshot, relay and publish: of 3)`, [
      ['measure', 'rate', 'vs raw baseline'],
      ...(
        [
          ['append, one event per call', one, 'plain INSERT'],
          [`append, ${BATCH} streams per call`, batched, 'plain unnest INSERT'],
          [`append, ${BATCH} streams per call, expected any`, batchedAny, 'plain unnest INSERT'],
          [`append, ${SNAPSHOT.toLocaleString('en')} streams in one call`, snapshot, 'plain unnest INSERT'],
        ] as const
      ).map(
        ([measure, pair, baseline]) =>
          [
            measure,
            rate(pair.ours),
            `${pair.ratio.toFixed(2)} × ${baseline} (${rate(pair.baseline)})`,
          ] as const,
      ),
      [
        'outbox relay to JetStream',
        rate(relay),
        `${(relay / publishPlain).toFixed(2)} × plain js.publish (${rate(publishPlain)})`,
      ],
    ]);
  } finally {
    await nats.close();
    await dataSource.destroy();
    await isolation.dispose();
  }
}

void main();

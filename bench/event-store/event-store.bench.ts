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
import { describeMachine, medianRate, printTable } from '../machine';

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
    `CREATE TABLE "${isolation.schema}".plain (id uuid PRIMARY KEY, data jsonb NOT NULL)`,
  );
  const plain = `"${isolation.schema}".plain`;
  try {
    const appendOne = await medianRate(ROUNDS, SINGLE, async () => {
      for (let i = 0; i < SINGLE; i++)
        await store.append(`cic-user:${randomUUID()}`, 'noStream', [envelopeToNewEvent(envelope(i))]);
    });
    const insertOne = await medianRate(ROUNDS, SINGLE, async () => {
      for (let i = 0; i < SINGLE; i++) {
        await dataSource.query(`INSERT INTO ${plain} (id, data) VALUES ($1, $2)`, [
          randomUUID(),
          JSON.stringify(envelope(i).data),
        ]);
      }
    });
    const appendBatched = await medianRate(ROUNDS, BATCH * BATCHES, async () => {
      for (let b = 0; b < BATCHES; b++) {
        await store.appendMany(
          Array.from({ length: BATCH }, (_, i) => ({
            streamId: `cic-user:${randomUUID()}`,
            expectedVersion: 'noStream' as const,
            events: [envelopeToNewEvent(envelope(i))],
          })),
        );
      }
    });
    // A CIC snapshot arrives as one call with one request per object.
    const snapshot = await medianRate(3, SNAPSHOT, async () => {
      await store.appendMany(
        Array.from({ length: SNAPSHOT }, (_, i) => ({
          streamId: `cic-user:${randomUUID()}`,
          expectedVersion: 'noStream' as const,
          events: [envelopeToNewEvent(envelope(i))],
        })),
      );
    });
    const insertBatched = await medianRate(ROUNDS, BATCH * BATCHES, async () => {
      for (let b = 0; b < BATCHES; b++) {
        const rows = Array.from({ length: BATCH }, (_, i) => envelope(i));
        await dataSource.query(
          `INSERT INTO ${plain} (id, data) SELECT * FROM unnest($1::uuid[], $2::jsonb[])`,
          [rows.map((r) => r.id), rows.map((r) => JSON.stringify(r.data))],
        );
      }
    });

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
    printTable(`event store (median of ${ROUNDS} rounds; relay and publish: median of 3)`, [
      ['measure', 'rate', 'vs raw baseline'],
      [
        'append, one event per call',
        rate(appendOne),
        `${(appendOne / insertOne).toFixed(2)} × plain INSERT (${rate(insertOne)})`,
      ],
      [
        `append, ${BATCH} streams per call`,
        rate(appendBatched),
        `${(appendBatched / insertBatched).toFixed(2)} × plain unnest INSERT (${rate(insertBatched)})`,
      ],
      [
        `append, ${SNAPSHOT.toLocaleString('en')} streams in one call`,
        rate(snapshot),
        `${(snapshot / insertBatched).toFixed(2)} × plain unnest INSERT`,
      ],
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

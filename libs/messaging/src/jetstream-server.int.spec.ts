import {
  CicUserRemoved,
  CicWorkgroupRemoved,
  subjectFilterOf,
  type BridgeEvent,
  type Envelope,
} from '@bridge/contracts';
import { createIsolation, userRemoved, type Isolation } from '@bridge/testing';
import { AckPolicy, DeliverPolicy, jetstream, jetstreamManager } from '@nats-io/jetstream';
import { Controller, Module, type INestMicroservice } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Ctx, Payload } from '@nestjs/microservices';
import { register } from 'prom-client';
import { connectNats, ensureStreams, type NatsConnection } from './connection';
import { JetStreamBatchConsumer, JetStreamConsumer, type ReceivedEvent } from './consumer-definition';
import { JetStreamBatchContext, JetStreamContext, JetStreamServer } from './jetstream-server';
import { watchConsumers } from './metrics';
import { EventPublisher } from './publisher';
import { Topology } from './topology';

let isolation: Isolation;
let nats: NatsConnection;
let topology: Topology;
let publisher: EventPublisher;
let app: INestMicroservice | undefined;

/** What the test handler saw, and how it should behave for a given user id. */
const seen: { id: string; deliveryCount: number; subject: string }[] = [];
const failuresLeft = new Map<string, number>();

@Controller()
class RecordingConsumer {
  @JetStreamConsumer({
    durable: 'test--users',
    stream: 'CIC',
    filterSubject: CicUserRemoved.subject,
    maxDeliveries: 3,
  })
  handle(@Payload() event: BridgeEvent, @Ctx() context: JetStreamContext): void {
    if (event.type !== 'CicUserRemoved') throw new Error(`unexpected ${event.type}`);
    seen.push({ id: event.data.id, deliveryCount: context.deliveryCount, subject: context.subject });
    const left = failuresLeft.get(event.data.id) ?? 0;
    if (left > 0) {
      failuresLeft.set(event.data.id, left - 1);
      throw new Error(`failing ${event.data.id}`);
    }
  }
}

/** What the batch handler got, batch by batch, and the workgroup ids it fails on. */
const batches: { id: string; deliveryCount: number }[][] = [];
/** What each batch was told was waiting behind it. */
const waiting: number[] = [];
const poisoned = new Set<string>();
let holdBatch: Promise<void> | undefined;

/** Makes the batch handler wait until the returned function is called. */
function holdBatches(): () => void {
  let release: (() => void) | undefined;
  holdBatch = new Promise((resolve) => (release = resolve));
  return () => {
    holdBatch = undefined;
    release?.();
  };
}

@Controller()
class RecordingBatchConsumer {
  @JetStreamBatchConsumer({
    durable: 'test--workgroups',
    stream: 'CIC',
    filterSubject: CicWorkgroupRemoved.subject,
    maxDeliveries: 2,
    maxBatch: 50,
  })
  async handle(
    @Payload() received: readonly ReceivedEvent[],
    @Ctx() context: JetStreamBatchContext,
  ): Promise<void> {
    waiting.push(context.waiting);
    const ids = received.map(({ event, deliveryCount }) => ({
      id: event.type === 'CicWorkgroupRemoved' ? event.data.id : '?',
      deliveryCount,
    }));
    batches.push(ids);
    await holdBatch;
    const bad = ids.find(({ id }) => poisoned.has(id));
    if (bad) throw new Error(`failing ${bad.id}`);
  }
}

/** The event types the consumer of every CIC subject but users' was handed. */
const handedTypes: string[] = [];

@Controller()
class IgnoringBatchConsumer {
  @JetStreamBatchConsumer({
    durable: 'test--all-but-users',
    stream: 'CIC',
    filterSubject: subjectFilterOf('CIC'),
    ignores: [CicUserRemoved.subject],
    maxBatch: 50,
  })
  handle(@Payload() received: readonly ReceivedEvent[]): void {
    handedTypes.push(...received.map(({ event }) => event.type));
  }
}

@Module({ controllers: [RecordingConsumer, RecordingBatchConsumer, IgnoringBatchConsumer] })
class TestModule {}

const workgroupRemoved = (id: string): Envelope => ({ ...userRemoved(id), type: CicWorkgroupRemoved.type });

async function until(condition: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function deadLetters(expected: number): Promise<Envelope[]> {
  const consumer = await jetstream(nats).consumers.get(topology.stream('DEADLETTER'));
  const received: Envelope[] = [];
  const deadline = Date.now() + 20_000;
  while (received.length < expected && Date.now() < deadline) {
    const batch = await consumer.fetch({ max_messages: 100, expires: 1000 });
    for await (const message of batch) received.push(message.json<Envelope>());
  }
  return received;
}

beforeAll(async () => {
  isolation = await createIsolation('transport');
  nats = await connectNats(isolation.natsUrl, 'transport-test');
  topology = new Topology(isolation.namespace);
  await ensureStreams(nats, topology);
  publisher = new EventPublisher(nats, topology);
  app = await NestFactory.createMicroservice(TestModule, {
    strategy: new JetStreamServer({ nats, topology, publisher }),
    logger: false,
  });
  await app.listen();
});
afterAll(async () => {
  await app?.close();
  await nats.close();
  await isolation.dispose();
});

it('delivers in order with the contracts subject, and drops a re-published duplicate', async () => {
  const first = userRemoved('a.1');
  await publisher.publish(first);
  await publisher.publish(first);
  await publisher.publish(userRemoved('a.2'));
  await until(() => seen.filter((s) => s.id.startsWith('a.')).length >= 2);
  await new Promise((resolve) => setTimeout(resolve, 300));
  expect(seen.filter((s) => s.id.startsWith('a.'))).toEqual([
    { id: 'a.1', deliveryCount: 1, subject: CicUserRemoved.subject },
    { id: 'a.2', deliveryCount: 1, subject: CicUserRemoved.subject },
  ]);
});

it('redelivers a failed message and acks it once the handler succeeds', async () => {
  failuresLeft.set('b', 1);
  await publisher.publish(userRemoved('b'));
  await until(() => seen.some((s) => s.id === 'b' && s.deliveryCount === 2));
  expect(seen.filter((s) => s.id === 'b').map((s) => s.deliveryCount)).toEqual([1, 2]);
  expect(await sampleOf('bridge_messages_redelivered_total', 'consumer="test--users"')).toBe(1);
}, 30_000);

it('dead-letters a message that fails every allowed delivery, and one that fails validation', async () => {
  failuresLeft.set('c', 99);
  await publisher.publish(userRemoved('c'));
  nats.publish(
    topology.subject(CicUserRemoved.subject),
    JSON.stringify({ ...userRemoved('d'), data: { id: 42 } }),
  );
  const letters = await deadLetters(2);
  const byReason = Object.fromEntries(letters.map((l) => [(l.data as { reason: string }).reason, l.data]));
  expect(byReason['invalidMessage']).toMatchObject({ consumer: 'test--users', deliveryCount: 1 });
  expect((byReason['invalidMessage'] as { error: string }).error).toMatch(/\bid\b/);
  expect(byReason['maxDeliveriesReached']).toMatchObject({ consumer: 'test--users', deliveryCount: 3 });
  expect(seen.filter((s) => s.id === 'c')).toHaveLength(3);
}, 40_000);

describe('a batch consumer', () => {
  it('gets the messages that arrived while it was busy as one batch, in order, and a lone message alone', async () => {
    const release = holdBatches();
    await publisher.publish(workgroupRemoved('w.0'));
    await until(() => batches.length === 1);
    for (let i = 1; i <= 120; i++) await publisher.publish(workgroupRemoved(`w.${i}`));
    await new Promise((resolve) => setTimeout(resolve, 300));
    release();
    await until(() => batches.flat().length === 121);
    expect(batches[0]).toEqual([{ id: 'w.0', deliveryCount: 1 }]);
    // Held while 120 arrived: the first batch after is full (maxBatch), none is larger, and fewer batches than
    // messages (how the rest split depends on when they are pulled); all in stream order.
    expect(batches[1]).toHaveLength(50);
    expect(Math.max(...batches.map((batch) => batch.length))).toBe(50);
    expect(batches.length).toBeLessThan(10);
    // The lone first message had nothing behind it, the first full batch had more, the last had none.
    expect(waiting[0]).toBe(0);
    expect(waiting[1]).toBeGreaterThan(0);
    expect(waiting.at(-1)).toBe(0);
    expect(batches.flat().map(({ id }) => id)).toEqual(Array.from({ length: 121 }, (_, i) => `w.${i}`));
  });

  it('handles a failed batch again one message at a time, so only the bad message is redelivered and dead-lettered', async () => {
    batches.length = 0;
    poisoned.add('p.2');
    const release = holdBatches();
    await publisher.publish(workgroupRemoved('p.0'));
    await until(() => batches.length === 1);
    for (const id of ['p.1', 'p.2', 'p.3']) await publisher.publish(workgroupRemoved(id));
    await new Promise((resolve) => setTimeout(resolve, 300));
    release();
    await until(() => batches.length === 6);
    const letters = await deadLetters(3);
    expect(letters.map((l) => l.data)).toContainEqual(
      expect.objectContaining({
        consumer: 'test--workgroups',
        reason: 'maxDeliveriesReached',
        deliveryCount: 2,
      }),
    );
    // The batch [p.1 p.2 p.3] failed; each was then handled alone: p.1 and p.3 once more and done, p.2 failed
    // twice (its second delivery after the nak's back-off) and was given up on.
    expect(batches.slice(1)).toEqual([
      [
        { id: 'p.1', deliveryCount: 1 },
        { id: 'p.2', deliveryCount: 1 },
        { id: 'p.3', deliveryCount: 1 },
      ],
      [{ id: 'p.1', deliveryCount: 1 }],
      [{ id: 'p.2', deliveryCount: 1 }],
      [{ id: 'p.3', deliveryCount: 1 }],
      [{ id: 'p.2', deliveryCount: 2 }],
    ]);
  }, 30_000);
});

it('acks the events a consumer ignores without handing them over', async () => {
  await publisher.publish(userRemoved('i.1'));
  await publisher.publish(workgroupRemoved('i.2'));
  await publisher.publish(userRemoved('i.3'));
  const manager = await jetstreamManager(nats);
  const stream = topology.stream('CIC');
  await until(() => handedTypes.length > 0);
  const settled = async () => {
    const info = await manager.consumers.info(stream, 'test--all-but-users');
    return info.num_pending === 0 && info.num_ack_pending === 0;
  };
  for (let tries = 0; !(await settled()); tries++) {
    if (tries > 100) throw new Error('the ignored events were not acked');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  expect(handedTypes).toContain(CicWorkgroupRemoved.type);
  expect(handedTypes).not.toContain(CicUserRemoved.type);
});

it("exports a consumer's backlog and the age of its oldest unacked message on /metrics", async () => {
  // A consumer of its own, read by hand: what the gauges show depends on nothing the handlers above did.
  const definition = {
    durable: 'test--metrics',
    stream: 'CIC',
    filterSubject: CicUserRemoved.subject,
  } as const;
  const stream = topology.stream(definition.stream);
  await (
    await jetstreamManager(nats)
  ).consumers.add(stream, {
    durable_name: definition.durable,
    ack_policy: AckPolicy.Explicit,
    deliver_policy: DeliverPolicy.New,
    filter_subject: topology.subject(definition.filterSubject),
  });
  watchConsumers(nats, topology, [definition]);
  const label = 'consumer="test--metrics"';
  expect(await sampleOf('bridge_consumer_backlog_messages', label)).toBe(0);
  expect(await sampleOf('bridge_consumer_lag_seconds', label)).toBe(0);
  await publisher.publish(workgroupRemoved('other subject, before'));
  await publisher.publish(userRemoved('m.1'));
  await new Promise((resolve) => setTimeout(resolve, 1000));
  await publisher.publish(userRemoved('m.2'));
  expect(await sampleOf('bridge_consumer_backlog_messages', label)).toBe(2);
  expect(await sampleOf('bridge_consumer_lag_seconds', label)).toBeGreaterThanOrEqual(1);
  const consumer = await jetstream(nats).consumers.get(stream, definition.durable);
  const first = await consumer.next();
  // ackAck alone: after ack() it would resolve at once, before the broker had counted the ack.
  expect(await first?.ackAck()).toBe(true);
  expect(await sampleOf('bridge_consumer_backlog_messages', label)).toBe(1);
  expect(await sampleOf('bridge_consumer_lag_seconds', label)).toBeLessThan(1);
});

/** The value of a metric's sample with this label, as Prometheus would scrape it. */
async function sampleOf(name: string, label: string): Promise<number | undefined> {
  const line = (await register.getSingleMetricAsString(name))
    .split('\n')
    .find((l) => l.startsWith(`${name}{`) && l.includes(label));
  return line === undefined ? undefined : Number(line.split(' ').at(-1));
}

// Soak of the messaging layer alone across broker restarts (ADR 0016). A publisher stores desired documents on
// MAPPING as object-mapping does (a chunk of 1,024 at once, a failed publish retried as a new message), a third of
// the keys twice so that newer documents supersede older ones, while a batch consumer with genesys-delivery's
// settings reads them. A private nats-server goes down at a random moment of each cycle and comes back on the same
// store. Each cycle checks that the consumer got, for every key, the last document whose publish was acknowledged,
// within 60 s of the last publish. A document missing then is held back (still in the stream: the consumer stalled)
// or lost by the broker (its sequence holds another message: a SIGKILL loses what nats-server had not yet
// written). A cycle that missed documents, or took over 30 s, prints its timeline (the connection's status, the
// consumer's progress read once a second, the publishes that failed).
// Not a *.bench.ts, so `npm run bench` leaves it alone.
//
// Run: node -r @swc-node/register bench/messaging/restart-soak.ts [--cycles N (20)] [--keys N (3,000)]
//        [--window-ms N (500): the fault comes this soon after a cycle starts] [--signal SIGTERM|SIGKILL]
//        [--server-log FILE: nats-server's log, where a stall shows as "error looking up message for consumer"]
import { MappingUserDesired, subjectFilterOf, type BridgeEvent, type Envelope } from '@bridge/contracts';
import {
  connectNats,
  ensureStreams,
  EventPublisher,
  JetStreamBatchConsumer,
  JetStreamServer,
  Topology,
  untilAnswered,
  type ReceivedEvent,
} from '@bridge/messaging';
import { isolationName, startNatsServer } from '@bridge/testing';
import { jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import { Controller, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Payload } from '@nestjs/microservices';
import { randomUUID } from 'node:crypto';
import { describeMachine, runBench } from '../machine';
import { numberArg, stringArg } from '../sync/support';

const CYCLES = numberArg('cycles', 20);
const KEYS = numberArg('keys', 3_000);
const WINDOW_MS = numberArg('window-ms', 500);
const SIGNAL = stringArg('signal', 'SIGTERM');
if (SIGNAL !== 'SIGTERM' && SIGNAL !== 'SIGKILL') throw new Error('--signal: SIGTERM or SIGKILL');
const signal: 'SIGTERM' | 'SIGKILL' = SIGNAL;
const SERVER_LOG = stringArg('server-log', '');
const DURABLE = 'soak--desired';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const ignore = () => undefined;

/** The envelope ids the consumer was handed. */
const handed = new Set<string>();
/** What happened in the current cycle, from its start. */
const timeline: string[] = [];
let cycleStart = Date.now();
const note = (what: string) => timeline.push(`${Date.now() - cycleStart} ms ${what}`);
let lastBatchAt = 0;

@Controller()
class Recorder {
  @JetStreamBatchConsumer({
    durable: DURABLE,
    stream: 'MAPPING',
    filterSubject: subjectFilterOf('MAPPING'),
    maxBatch: 256,
    ackWaitMs: 5_000,
  })
  async handle(@Payload() received: readonly ReceivedEvent[]): Promise<void> {
    if (Date.now() - lastBatchAt > 2_000) note(`batch of ${received.length} after a gap`);
    lastBatchAt = Date.now();
    // A batch's store, as delivery's.
    await sleep(Math.random() * 10);
    for (const { event } of received) handed.add(event.id);
  }
}

@Module({ controllers: [Recorder] })
class SoakModule {}

const documentOf = (key: string): Envelope => ({
  id: randomUUID(),
  type: MappingUserDesired.type,
  schemaVersion: MappingUserDesired.schemaVersion,
  occurredAt: new Date().toISOString(),
  source: 'soak',
  correlationId: randomUUID(),
  data: { key, state: 'absent', reason: 'removedFromCic' },
});

/** Notes the consumer's delivered sequence when it moves, and the stream's last sequence through a second connection. */
function watch(manager: JetStreamManager, probe: JetStreamManager, stream: string): NodeJS.Timeout {
  let delivered = -1;
  let last = -1;
  return setInterval(() => {
    manager.consumers
      .info(stream, DURABLE)
      .then((info) => {
        if (info.delivered.stream_seq === delivered) return;
        delivered = info.delivered.stream_seq;
        note(
          `consumer delivered ${delivered}, waiting pulls ${info.num_waiting}, pending ${info.num_pending}`,
        );
      })
      .catch((error: unknown) => note(`consumer info failed: ${String(error)}`));
    probe.streams
      .info(stream)
      .then((info) => {
        if (info.state.last_seq !== last)
          note(`stream last ${(last = info.state.last_seq)} (second connection)`);
      })
      .catch((error: unknown) => note(`second connection: stream info failed: ${String(error)}`));
  }, 1_000);
}

async function main(): Promise<void> {
  console.log(describeMachine());
  const server = await startNatsServer({ args: SERVER_LOG ? ['-l', SERVER_LOG] : [] });
  const nats = await connectNats(server.url, 'soak');
  const probeConnection = await connectNats(server.url, 'soak-probe');
  const topology = new Topology(isolationName('soak'));
  await ensureStreams(nats, topology);
  const publisher = new EventPublisher(nats, topology);
  const app = await NestFactory.createMicroservice(SoakModule, {
    strategy: new JetStreamServer({ nats, topology, publisher }),
    logger: ['error', 'warn'],
  });
  await app.listen();
  void (async () => {
    for await (const status of nats.status()) if (status.type !== 'ping') note(`connection ${status.type}`);
  })();
  const manager = await jetstreamManager(nats);
  const stream = topology.stream('MAPPING');
  const watcher = watch(manager, await jetstreamManager(probeConnection), stream);
  const keys = Array.from({ length: KEYS }, (_, i) => `k${i}`);
  const work = [...keys, ...keys.filter((_, i) => i % 3 === 0)];
  const slow: number[] = [];
  const stalled: number[] = [];
  const lostByBroker: number[] = [];

  for (let cycle = 1; cycle <= CYCLES; cycle++) {
    cycleStart = Date.now();
    timeline.length = 0;
    /** key → the id and sequence of its last acknowledged document */
    const last = new Map<string, { id: string; seq: number }>();
    const downAt = Math.random() * WINDOW_MS;
    const downFor = 200 + Math.random() * 1_500;
    const fault = (async () => {
      await sleep(downAt);
      note('stopping nats-server');
      await server.stop(signal);
      await sleep(downFor);
      await server.restart();
      note('nats-server listening again');
    })();
    const failed = new Set<string>();
    const publishOne = async (key: string) => {
      for (;;) {
        const envelope = documentOf(key);
        try {
          const ack = await publisher.publish(envelope);
          if ((last.get(key)?.seq ?? 0) < ack.seq) last.set(key, { id: envelope.id, seq: ack.seq });
          return;
        } catch (error) {
          if (!failed.has(String(error))) note(`publish failed: ${String(error)}`);
          failed.add(String(error));
          await sleep(200);
        }
      }
    };
    for (let i = 0; i < work.length; i += 1_024) await Promise.all(work.slice(i, i + 1_024).map(publishOne));
    await fault;
    const missing = () => [...last].filter(([, { id }]) => !handed.has(id));
    const deadline = Date.now() + 60_000;
    while (missing().length > 0 && Date.now() < deadline) await sleep(250);
    const lost = missing();
    const elapsed = Date.now() - cycleStart;
    const info = await untilAnswered(() => manager.consumers.info(stream, DURABLE), ignore);
    console.log(
      `cycle ${cycle}: down at ${Math.round(downAt)} ms for ${Math.round(downFor)} ms, every document handed ` +
        `${lost.length === 0 ? `after ${elapsed} ms` : `NOT within 60 s: ${lost.length} missing`}; consumer ` +
        `delivered ${info.delivered.stream_seq}, ack floor ${info.ack_floor.stream_seq}, pending ` +
        `${info.num_pending}, ack pending ${info.num_ack_pending}`,
    );
    if (lost.length > 0 || elapsed > 30_000) {
      slow.push(cycle);
      for (const line of timeline) console.log(`  ${line}`);
    }
    if (lost.length === 0) continue;
    // A document whose sequence now holds another message (or none) was acknowledged and then lost by the broker
    // (a SIGKILL loses what nats-server had not yet written); one still there was held back: a stall.
    let held = 0;
    for (const [key, { id, seq }] of lost) {
      const message = await untilAnswered(() => manager.streams.getMessage(stream, { seq }), ignore);
      if (message?.json<BridgeEvent>().id !== id) continue;
      held++;
      if (held <= 3) console.log(`  ${key}: sequence ${seq} in the stream, not handed over`);
    }
    console.log(`  held back: ${held}; lost by the broker: ${lost.length - held}`);
    if (held > 0) stalled.push(cycle);
    else lostByBroker.push(cycle);
  }
  clearInterval(watcher);
  const list = (cycles: number[]) => `${cycles.length} (${cycles.join(', ') || 'none'})`;
  console.log(
    `summary of ${CYCLES} cycles: documents held back over 60 s ${list(stalled)}; acknowledged documents lost by ` +
      `the broker ${list(lostByBroker)}; over 30 s ${list(slow)}`,
  );
  await app.close();
  await probeConnection.close();
  await nats.close();
  await server.dispose();
}

runBench(main);

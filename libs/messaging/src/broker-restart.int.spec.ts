import { CicUserRemoved, type BridgeEvent } from '@bridge/contracts';
import { isolationName, startNatsServer, userRemoved, type NatsServerProcess } from '@bridge/testing';
import { jetstreamManager } from '@nats-io/jetstream';
import { Controller, Module, type INestMicroservice } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Payload } from '@nestjs/microservices';
import { connectNats, ensureStreams, type NatsConnection } from './connection';
import { JetStreamConsumer } from './consumer-definition';
import { JetStreamServer } from './jetstream-server';
import { EventPublisher } from './publisher';
import { Topology } from './topology';

/**
 * A broker restart while a service starts (its streams and consumers set up) delays the start; it does not fail
 * it. A private server, restarted: the requests the set-up sends while it is down are never answered.
 */
let server: NatsServerProcess;
let nats: NatsConnection;
let app: INestMicroservice | undefined;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs `start` while the broker is down; the broker comes back shortly after, well within a request's timeout. */
async function whileTheBrokerRestarts<T>(start: () => Promise<T>): Promise<T> {
  await server.stop('SIGTERM');
  const started = start();
  // Settled now, so a failure that comes before the broker is back is not reported as unhandled.
  const outcome = started.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  await sleep(300);
  await server.restart();
  const settled = await outcome;
  if ('error' in settled) throw settled.error;
  return settled.value;
}

const seen: string[] = [];

@Controller()
class RecordingConsumer {
  @JetStreamConsumer({ durable: 'test--users', stream: 'CIC', filterSubject: CicUserRemoved.subject })
  handle(@Payload() event: BridgeEvent): void {
    if (event.type === 'CicUserRemoved') seen.push(event.data.id);
  }
}

@Module({ controllers: [RecordingConsumer] })
class TestModule {}

beforeAll(async () => {
  server = await startNatsServer();
  nats = await connectNats(server.url, 'broker-restart-test');
});
afterAll(async () => {
  await app?.close();
  await nats?.close();
  await server?.dispose();
});

it('provisions the streams once the broker is back', async () => {
  const topology = new Topology(isolationName('restartstreams'));
  await whileTheBrokerRestarts(() => ensureStreams(nats, topology));
  const names: string[] = [];
  for await (const name of (await jetstreamManager(nats)).streams.names()) names.push(name);
  expect(names).toContain(topology.stream('CIC'));
}, 60_000);

it('starts its consumers once the broker is back, and they deliver', async () => {
  const topology = new Topology(isolationName('restartconsumers'));
  await ensureStreams(nats, topology);
  const publisher = new EventPublisher(nats, topology);
  const started = await NestFactory.createMicroservice(TestModule, {
    strategy: new JetStreamServer({ nats, topology, publisher }),
    logger: false,
  });
  app = started;
  await whileTheBrokerRestarts(() => started.listen());
  await publisher.publish(userRemoved('after-restart'));
  const deadline = Date.now() + 20_000;
  while (!seen.includes('after-restart') && Date.now() < deadline) await sleep(50);
  expect(seen).toEqual(['after-restart']);
}, 60_000);

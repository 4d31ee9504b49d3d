import { CicUserChanged, cicStreamId, type Envelope } from '@bridge/contracts';
import {
  envelopeToNewEvent,
  openEventStoreDatabase,
  OutboxRelay,
  PostgresEventStore,
  relayToJetStream,
} from '@bridge/event-store';
import { connectNats, EventPublisher, Topology, type NatsConnection } from '@bridge/messaging';
import { startService } from '@bridge/runtime';
import { createLogger, startTracing } from '@bridge/telemetry';
import { createIsolation, eventually, type Isolation } from '@bridge/testing';
import type { INestApplication } from '@nestjs/common';
import { trace } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { AppModule } from '../src/app.module';
import { readObjectMappingConfig } from '../src/config';

// The producing side is wired as cic-ingestion wires it (event store, outbox relay, publisher); object-mapping
// runs as its main.ts runs it. One in-memory exporter sees the spans of both.
const exporter = new InMemorySpanExporter();
const stopTracing = startTracing({
  service: 'trace-test',
  spanProcessors: [new SimpleSpanProcessor(exporter)],
});

let isolation: Isolation;
let dataSource: DataSource;
let nats: NatsConnection;
let relay: OutboxRelay;
let app: INestApplication;

beforeAll(async () => {
  isolation = await createIsolation('trace');
  app = await startService({
    service: 'object-mapping',
    module: AppModule.register(readObjectMappingConfig(isolation.env)),
    port: 0,
    host: '127.0.0.1',
    logger: createLogger('object-mapping', 'silent'),
    consumers: true,
  });
  dataSource = await openEventStoreDatabase({ url: isolation.databaseUrl, schema: isolation.schema });
  nats = await connectNats(isolation.natsUrl, 'trace-test');
  relay = new OutboxRelay({
    name: 'cic',
    databaseUrl: isolation.databaseUrl,
    schema: isolation.schema,
    dataSource,
    store: new PostgresEventStore(dataSource, isolation.schema),
    publish: relayToJetStream(new EventPublisher(nats, new Topology(isolation.namespace))),
    pollIntervalMs: 200,
  });
  relay.start();
});

afterAll(async () => {
  await relay.stop();
  await app.close();
  await nats.close();
  await dataSource.destroy();
  await stopTracing();
  await isolation.dispose();
});

it('continues the trace started where an event is appended in the consumer of the other service', async () => {
  const store = new PostgresEventStore(dataSource, isolation.schema);
  const envelope: Envelope = {
    id: randomUUID(),
    type: CicUserChanged.type,
    schemaVersion: 1,
    occurredAt: new Date().toISOString(),
    source: 'cic-ingestion',
    correlationId: randomUUID(),
    data: { user: { id: 'traced.user', phones: {}, skills: [] } },
  };
  const traceId = await trace
    .getTracer('trace-test')
    .startActiveSpan('admin changes a CIC user', async (span) => {
      await store.append(cicStreamId('user', 'traced.user'), 'noStream', [envelopeToNewEvent(envelope)]);
      span.end();
      return span.spanContext().traceId;
    });

  const consumed = await eventually(async () =>
    exporter.getFinishedSpans().find((s) => s.name === `${CicUserChanged.subject} process`),
  );
  expect(consumed.spanContext().traceId).toBe(traceId);
  const published = exporter.getFinishedSpans().find((s) => s.name === `${CicUserChanged.subject} publish`);
  expect(published?.spanContext().traceId).toBe(traceId);
  expect(consumed.parentSpanContext?.spanId).toBe(published?.spanContext().spanId);
});

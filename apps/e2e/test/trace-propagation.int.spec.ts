import { CicUserChanged, type Envelope } from '@bridge/contracts';
import { startTracing } from '@bridge/telemetry';
import { createIsolation, eventually, type Isolation } from '@bridge/testing';
import type { INestApplication } from '@nestjs/common';
import { trace } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { randomUUID } from 'node:crypto';

// Both services run in this process, wired exactly as their main.ts wires them, so one in-memory exporter
// sees the spans of both: the append in cic-ingestion, the relay's publish, the consumer in object-mapping.
const exporter = new InMemorySpanExporter();
const stopTracing = startTracing({
  service: 'trace-test',
  spanProcessors: [new SimpleSpanProcessor(exporter)],
});

let isolation: Isolation;
const apps: INestApplication[] = [];

beforeAll(async () => {
  isolation = await createIsolation('trace');
  Object.assign(process.env, isolation.env);
  const { startService } = await import('@bridge/runtime');
  const { createLogger } = await import('@bridge/telemetry');
  const logger = createLogger('trace-test', 'silent');
  const ingestion = await import('../../cic-ingestion/src/app.module');
  const mapping = await import('../../object-mapping/src/app.module');
  apps.push(
    await startService({
      service: 'cic-ingestion',
      module: ingestion.AppModule,
      port: 0,
      logger,
      consumers: false,
    }),
    await startService({
      service: 'object-mapping',
      module: mapping.AppModule,
      port: 0,
      logger,
      consumers: true,
    }),
  );
});

afterAll(async () => {
  for (const app of apps) await app.close();
  await stopTracing();
  await isolation.dispose();
});

it('continues the trace started where an event is appended in the consumer of the other service', async () => {
  const { CicEventLog } = await import('../../cic-ingestion/src/cic-event-log');
  const log = (apps[0] as INestApplication).get(CicEventLog);
  const envelope: Envelope = {
    id: randomUUID(),
    type: CicUserChanged.type,
    schemaVersion: 1,
    occurredAt: new Date().toISOString(),
    source: 'trace-test',
    correlationId: randomUUID(),
    data: { user: { id: 'traced.user', phones: {}, skills: [] } },
  };
  const traceId = await trace
    .getTracer('trace-test')
    .startActiveSpan('admin changes a CIC user', async (span) => {
      await log.record([{ kind: 'user', id: 'traced.user', envelope }]);
      span.end();
      return span.spanContext().traceId;
    });

  const consumed = await eventually(async () =>
    exporter.getFinishedSpans().find((s) => s.name === 'cic.user.changed process'),
  );
  expect(consumed.spanContext().traceId).toBe(traceId);
  const published = exporter.getFinishedSpans().find((s) => s.name === 'cic.user.changed publish');
  expect(published?.spanContext().traceId).toBe(traceId);
  expect(consumed.parentSpanContext?.spanId).toBe(published?.spanContext().spanId);
});

import { trace } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { inCausedSpan, traceCarrierOf, untraced, type TraceCarrier } from './caused-spans';
import { startTracing } from './tracing';

const exporter = new InMemorySpanExporter();
const stopTracing = startTracing({
  service: 'caused-spans',
  spanProcessors: [new SimpleSpanProcessor(exporter)],
});
const tracer = trace.getTracer('caused-spans.spec');

afterAll(() => stopTracing());
beforeEach(() => exporter.reset());

/** The carrier of a finished producer span, as a consumer would have stored it. */
function producer(name: string): TraceCarrier {
  return tracer.startActiveSpan(name, (span) => {
    span.end();
    return traceCarrierOf();
  });
}

const finished = (name: string) => exporter.getFinishedSpans().find((span) => span.name === name);

it('continues the trace of a lone change', async () => {
  const cause = producer('change');
  await inCausedSpan('work', [cause], {}, async () => undefined);
  const [change, work] = [finished('change'), finished('work')];
  expect(work?.spanContext().traceId).toBe(change?.spanContext().traceId);
  expect(work?.parentSpanContext?.spanId).toBe(change?.spanContext().spanId);
});

it('links to each change of several in a trace of its own', async () => {
  const causes = [producer('first'), producer('second')];
  await inCausedSpan('work', causes, {}, async () => undefined);
  const work = finished('work');
  expect(work?.parentSpanContext).toBeUndefined();
  expect(work?.links.map((link) => link.context.spanId)).toEqual(
    ['first', 'second'].map((name) => finished(name)?.spanContext().spanId),
  );
});

it('marks the span failed and rethrows', async () => {
  await expect(
    inCausedSpan('work', [], {}, async () => {
      throw new Error('Genesys said no');
    }),
  ).rejects.toThrow('Genesys said no');
  expect(finished('work')?.status).toMatchObject({ code: 2, message: 'Error: Genesys said no' });
});

it('makes no span for untraced work, but does for work it finds', async () => {
  await untraced(async () => {
    tracer.startSpan('poll').end();
    await inCausedSpan('found', [], {}, async () => undefined);
  });
  expect(exporter.getFinishedSpans().map((span) => span.name)).toEqual(['found']);
});

import type { SpanProcessor } from '@opentelemetry/sdk-trace-base';

export interface TracingOptions {
  readonly service: string;
  /** OTLP/HTTP endpoint (e.g. Jaeger's http://jaeger:4318). Unset: no exporter. */
  readonly otlpEndpoint?: string;
  /** Extra processors, e.g. an in-memory exporter in tests. */
  readonly spanProcessors?: readonly SpanProcessor[];
}

/**
 * Starts OpenTelemetry before anything else is loaded, so HTTP and pg calls are instrumented. With no endpoint
 * and no extra processors it starts nothing: tracing is off and costs nothing. Returns the shutdown function,
 * which flushes pending spans.
 */
export function startTracing(options: TracingOptions): () => Promise<void> {
  if (!options.otlpEndpoint && (options.spanProcessors ?? []).length === 0) return async () => undefined;
  // Loaded only when tracing is on: loading the OpenTelemetry SDK costs CPU at every start (docs/benchmarks.md).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { startTracer } = require('./tracer') as typeof import('./tracer');
  return startTracer(options);
}

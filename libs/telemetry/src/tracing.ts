import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';

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
  const processors = [...(options.spanProcessors ?? [])];
  if (options.otlpEndpoint) {
    const url = `${options.otlpEndpoint.replace(/\/$/, '')}/v1/traces`;
    processors.push(new BatchSpanProcessor(new OTLPTraceExporter({ url })));
  }
  if (processors.length === 0) return async () => undefined;
  // The tracer provider and the two instrumentations, not NodeSDK: NodeSDK loads every exporter it could be
  // configured with (gRPC, protobuf, Zipkin, metrics, logs), 50 MiB per service that tracing off never uses.
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: options.service }),
    spanProcessors: processors,
  });
  provider.register();
  const disable = registerInstrumentations({
    tracerProvider: provider,
    instrumentations: [new HttpInstrumentation(), new PgInstrumentation()],
  });
  return async () => {
    disable();
    await provider.shutdown();
  };
}

import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import type { TracingOptions } from './tracing';

/** Endpoints that probes and scrapers call every few seconds: liveness, readiness, Prometheus. */
const probePaths = new Set(['/live', '/health', '/metrics']);

/** The tracer provider with its exporter and the HTTP and pg instrumentations; see `startTracing`. */
export function startTracer(options: TracingOptions): () => Promise<void> {
  const processors = [...(options.spanProcessors ?? [])];
  if (options.otlpEndpoint) {
    const url = `${options.otlpEndpoint.replace(/\/$/, '')}/v1/traces`;
    processors.push(new BatchSpanProcessor(new OTLPTraceExporter({ url })));
  }
  // The tracer provider and the two instrumentations, not NodeSDK: NodeSDK loads every exporter it could be
  // configured with (gRPC, protobuf, Zipkin, metrics, logs): memory in every service that it never uses.
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: options.service }),
    spanProcessors: processors,
  });
  provider.register();
  const disable = registerInstrumentations({
    tracerProvider: provider,
    // Only calls made for a piece of work are traced: a poll, a claim that finds nothing, a connection taken
    // from the pool or a probe outside any span would each make a root trace and bury the changes an operator
    // looks for. Work found starts its span from the change that caused it (caused-spans.ts).
    instrumentations: [
      new HttpInstrumentation({
        requireParentforOutgoingSpans: true,
        ignoreIncomingRequestHook: (request) =>
          probePaths.has(new URL(request.url ?? '/', 'http://x').pathname),
      }),
      new PgInstrumentation({ requireParentSpan: true }),
    ],
  });
  return async () => {
    disable();
    await provider.shutdown();
  };
}

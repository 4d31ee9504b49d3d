import {
  context,
  propagation,
  ROOT_CONTEXT,
  SpanStatusCode,
  trace,
  type Attributes,
  type Context,
  type Link,
  type Span,
  type SpanKind,
} from '@opentelemetry/api';
import { suppressTracing } from '@opentelemetry/core';

/** A W3C trace context (`traceparent`, `tracestate`) as stored beside the work it caused. */
export type TraceCarrier = Readonly<Record<string, string>>;

const tracer = trace.getTracer('@bridge/telemetry');

/** The trace context of `from` (default: the active one) to store with the work it causes; none outside a span. */
export function traceCarrierOf(from: Context = context.active()): Record<string, string> {
  const carrier: Record<string, string> = {};
  propagation.inject(from, carrier);
  return carrier;
}

/**
 * Runs `work` with tracing suppressed: for polls and claims that mostly find nothing, which would otherwise make
 * a root trace each and bury the changes in a trace store. The work they find gets its spans from the producers
 * that caused it (`inCausedSpan`).
 */
export function untraced<T>(work: () => T): T {
  return context.with(suppressTracing(context.active()), work);
}

export interface CausedSpanOptions {
  readonly kind?: SpanKind;
  readonly attributes?: Attributes;
}

/**
 * Runs `work` in a span caused by the producers whose trace contexts are `causes`: a child of a lone producer, so
 * it sits in that change's trace; linked to each of several (work that coalesced many changes), so each of their
 * traces leads to it; a new trace when there is none. An error thrown marks the span failed and is rethrown.
 */
export function inCausedSpan<T>(
  name: string,
  causes: readonly TraceCarrier[],
  options: CausedSpanOptions,
  work: (span: Span) => Promise<T>,
): Promise<T> {
  const parents = causes.map((carrier) => propagation.extract(ROOT_CONTEXT, carrier));
  const only = parents.length === 1 ? parents[0] : undefined;
  const links: Link[] = only
    ? []
    : parents.flatMap((parent) => {
        const spanContext = trace.getSpanContext(parent);
        return spanContext ? [{ context: spanContext }] : [];
      });
  return tracer.startActiveSpan(name, { ...options, links }, only ?? ROOT_CONTEXT, async (span) => {
    try {
      return await work(span);
    } catch (error) {
      recordFailure(span, error);
      throw error;
    } finally {
      span.end();
    }
  });
}

/** Marks a span failed with the error that failed it. */
export function recordFailure(span: Span, error: unknown): void {
  span.recordException(error instanceof Error ? error : String(error));
  span.setStatus({ code: SpanStatusCode.ERROR, message: String(error) });
}

import { trace } from '@opentelemetry/api';
import pino, { type Logger } from 'pino';

export type { Logger } from 'pino';

/**
 * One JSON logger per process. Every line carries the service name and, inside a span, its trace and span ids,
 * so a log line leads to its trace in Jaeger. Credentials never reach a log: the paths below are censored.
 */
export function createLogger(service: string, level = 'info'): Logger {
  return pino({
    name: service,
    level,
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: {
      paths: [
        'password',
        '*.password',
        'token',
        '*.token',
        'authToken',
        '*.authToken',
        'clientSecret',
        '*.clientSecret',
        'authorization',
        '*.authorization',
        'req.headers.authorization',
        'req.headers.cookie',
        'SAMLResponse',
        '*.SAMLResponse',
      ],
      censor: '[redacted]',
    },
    mixin() {
      const span = trace.getActiveSpan();
      if (!span) return {};
      const { traceId, spanId } = span.spanContext();
      return { traceId, spanId };
    },
  });
}

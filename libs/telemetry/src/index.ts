/** Traces (OpenTelemetry), JSON logs (pino) and the /health and /metrics endpoints of every service. */
export { createLogger, type Logger } from './logger';
export { startTracing, type TracingOptions } from './tracing';
export { ObservabilityModule, type HealthCheckDefinition } from './observability.module';
export { NestLogger } from './nest-logger';
export { metricNames } from './metric-names';
export { gaugeOnScrape, type GaugeReader, type GaugeSample } from './gauge-on-scrape';
export {
  inCausedSpan,
  recordFailure,
  traceCarrierOf,
  untraced,
  type CausedSpanOptions,
  type TraceCarrier,
} from './caused-spans';
export { traceAttributes } from './trace-attributes';

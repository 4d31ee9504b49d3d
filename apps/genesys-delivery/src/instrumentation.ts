import { startTracing } from '@bridge/telemetry';
import { config } from './config';

// Imported first by main.ts: tracing must start before Nest, http and pg are loaded to instrument them.
startTracing({ service: 'genesys-delivery', otlpEndpoint: config.OTEL_EXPORTER_OTLP_ENDPOINT });

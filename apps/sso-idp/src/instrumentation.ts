import { startTracing } from '@bridge/telemetry';
import { config } from './config';

// Imported first by main.ts: tracing must start before Nest and http are loaded to instrument them.
startTracing({ service: 'sso-idp', otlpEndpoint: config.OTEL_EXPORTER_OTLP_ENDPOINT });

import { createLogger, startTracing, type Logger } from '@bridge/telemetry';
import type { DynamicModule, INestApplication, Type } from '@nestjs/common';
import { startService, type ServiceOptions } from './start-service';

export interface RunOptions extends Omit<ServiceOptions, 'module' | 'logger'> {
  /** The variables every service reads (libs/config's `telemetryVariables`), parsed by main.ts. */
  readonly config: { readonly LOG_LEVEL: string; readonly OTEL_EXPORTER_OTLP_ENDPOINT?: string };
  /**
   * Loads and builds the app's root module. Called only once tracing has started: the module's imports load
   * http, express and pg, which tracing must see loaded to instrument them.
   */
  readonly module: (logger: Logger) => Type<unknown> | DynamicModule;
  /** Runs once the service listens (e.g. to log what an operator needs next). */
  readonly ready?: (app: INestApplication, logger: Logger) => void;
  /**
   * Active/standby: the app starts only once this process holds the service's lock in this database, so of
   * several instances one works and the others wait to take over (ADR 0014).
   */
  readonly activeStandby?: { readonly databaseUrl: string; readonly schema: string };
}

/** A service's main: logger, tracing, then the app; a failure to start is logged and ends the process. */
export function runService(options: RunOptions): void {
  const { config, module, ready, activeStandby, ...service } = options;
  const logger = createLogger(service.service, config.LOG_LEVEL);
  startTracing({ service: service.service, otlpEndpoint: config.OTEL_EXPORTER_OTLP_ENDPOINT });
  Promise.resolve()
    .then(() => activeStandby && standby().standUntilActive({ ...service, ...activeStandby, logger }))
    .then(() => startService({ ...service, logger, module: module(logger) }))
    .then((app) => ready?.(app, logger))
    .catch((error: unknown) => {
      logger.fatal({ err: error }, `${service.service} failed to start`);
      process.exit(1);
    });
}

/** Loaded once tracing started, like the module: the lock's pg client must be instrumented. */
function standby(): typeof import('./standby') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('./standby') as typeof import('./standby');
}

import { Controller, Get, Header, Module, type DynamicModule } from '@nestjs/common';
import {
  HealthCheck,
  HealthCheckService,
  HealthIndicatorService,
  TerminusModule,
  type HealthIndicatorResult,
} from '@nestjs/terminus';
import { collectDefaultMetrics, register } from 'prom-client';

/** A dependency the service needs to do its work; it throws when the dependency is not usable. */
export interface HealthCheckDefinition {
  readonly name: string;
  readonly check: () => Promise<void>;
}

/**
 * `/health` (Terminus: 200 when every check passes, 503 naming the failing ones) and `/metrics` (Prometheus
 * text, default process metrics plus the bridge's own counters) for a service.
 */
export class ObservabilityModule {
  static forRoot(options: { service: string; checks: readonly HealthCheckDefinition[] }): DynamicModule {
    if (register.getSingleMetric('process_cpu_user_seconds_total') === undefined) {
      collectDefaultMetrics({ labels: { service: options.service } });
    }

    @Controller()
    class ObservabilityController {
      constructor(
        private readonly health: HealthCheckService,
        private readonly indicators: HealthIndicatorService,
      ) {}

      @Get('health')
      @HealthCheck()
      check() {
        return this.health.check(
          options.checks.map((definition) => async (): Promise<HealthIndicatorResult> => {
            const indicator = this.indicators.check(definition.name);
            try {
              await definition.check();
              return indicator.up();
            } catch (error) {
              return indicator.down({ message: error instanceof Error ? error.message : String(error) });
            }
          }),
        );
      }

      @Get('metrics')
      @Header('Content-Type', register.contentType)
      metrics(): Promise<string> {
        return register.metrics();
      }
    }

    @Module({ imports: [TerminusModule.forRoot({ logger: false })], controllers: [ObservabilityController] })
    class ObservabilityRootModule {}

    return { module: ObservabilityRootModule };
  }
}

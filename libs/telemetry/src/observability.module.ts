import {
  Controller,
  Get,
  Header,
  Inject,
  Module,
  type DynamicModule,
  type InjectionToken,
} from '@nestjs/common';
import {
  HealthCheck,
  HealthCheckService,
  HealthIndicatorService,
  TerminusModule,
  type HealthIndicatorResult,
} from '@nestjs/terminus';
import { collectDefaultMetrics, register } from 'prom-client';

/** A dependency the service needs to do its work; `check` throws when it is not usable. */
export interface HealthCheckDefinition {
  readonly name: string;
  readonly check: () => Promise<void>;
}

export interface ObservabilityOptions<Deps extends unknown[]> {
  readonly service: string;
  /** Providers the checks need (the NATS connection, the DataSource …). */
  readonly inject: { [K in keyof Deps]: InjectionToken };
  readonly checks: (...dependencies: Deps) => readonly HealthCheckDefinition[];
}

const HEALTH_CHECKS = Symbol('HEALTH_CHECKS');

@Controller()
class ObservabilityController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    @Inject(HEALTH_CHECKS) private readonly checks: readonly HealthCheckDefinition[],
  ) {}

  /**
   * Liveness: the process serves requests. It checks no dependency, since restarting the service mends neither
   * NATS, PostgreSQL nor CIC; `/health` (readiness) reports those.
   */
  @Get('live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** Readiness: 200 when every dependency answers; 503 naming the ones that do not. */
  @Get('health')
  @HealthCheck()
  check() {
    return this.health.check(
      this.checks.map((definition) => async (): Promise<HealthIndicatorResult> => {
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

  /** Prometheus text: default process metrics plus the bridge's own counters. */
  @Get('metrics')
  @Header('Content-Type', register.contentType)
  metrics(): Promise<string> {
    return register.metrics();
  }
}

/** `/live`, `/health` (Terminus) and `/metrics` (prom-client) for a service. */
@Module({})
export class ObservabilityModule {
  static forRoot<Deps extends unknown[]>(options: ObservabilityOptions<Deps>): DynamicModule {
    if (register.getSingleMetric('process_cpu_user_seconds_total') === undefined) {
      register.setDefaultLabels({ service: options.service });
      collectDefaultMetrics();
    }
    return {
      module: ObservabilityModule,
      imports: [TerminusModule.forRoot({ logger: false })],
      controllers: [ObservabilityController],
      providers: [
        {
          provide: HEALTH_CHECKS,
          inject: [...options.inject],
          useFactory: (...dependencies: unknown[]) => options.checks(...(dependencies as Deps)),
        },
      ],
    };
  }
}

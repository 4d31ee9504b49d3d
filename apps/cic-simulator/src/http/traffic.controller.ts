import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Inject, Post, Query } from '@nestjs/common';
import { z } from 'zod';
import { TrafficPlan } from '../domain/traffic-plan';
import { trafficPlanOptions } from '../domain/traffic-request';
import { trafficSchema } from '../traffic-schema';
import { failureToHttp, icwsError } from './icws-error';
import { SERVER_CONTEXT, type ServerContext } from './server-context';

/**
 * ACD traffic over the center's workgroups: `POST` starts a seeded run (rate, duration, mix, seed), `GET` tells
 * how far it is and, with `?interactions=true`, every interaction it made with each step and its time (the
 * independent count tests check the bridge against), `DELETE` stops it. One run at a time.
 */
@Controller('sim/traffic')
export class TrafficController {
  constructor(@Inject(SERVER_CONTEXT) private readonly context: ServerContext) {}

  @Post()
  @HttpCode(HttpStatus.ACCEPTED)
  start(@Body() body: unknown) {
    const parsed = trafficSchema.safeParse(body);
    if (!parsed.success)
      throw icwsError(HttpStatus.BAD_REQUEST, 'error.sim.invalid', z.prettifyError(parsed.error));
    if (this.context.traffic.running)
      throw icwsError(HttpStatus.CONFLICT, 'error.sim.conflict', 'traffic is running: DELETE it first');
    const options = trafficPlanOptions(this.context.simulation.center, parsed.data);
    if (!options.ok) throw failureToHttp(options);
    const plan = new TrafficPlan(options.value);
    const { clock } = parsed.data;
    this.context.traffic.start(plan, {
      speed: clock?.speed ?? 1,
      ...(clock?.startAt !== undefined ? { startAtMs: Date.parse(clock.startAt) } : {}),
    });
    this.context.logger.info(
      { ...parsed.data, workgroups: options.value.workgroups.length },
      'traffic started',
    );
    return {
      workgroups: options.value.workgroups.length,
      expectedInteractions: Math.round(plan.expectedInteractions),
    };
  }

  @Get()
  progress(@Query('interactions') interactions?: string) {
    const progress = this.context.traffic.progress();
    return interactions === 'true' ? { ...progress, made: this.context.traffic.interactions() } : progress;
  }

  @Delete()
  stop() {
    this.context.traffic.stop();
    return this.context.traffic.progress();
  }
}

import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Inject, Post } from '@nestjs/common';
import { z } from 'zod';
import { StatusStormPlan } from '../domain/status-storm';
import { stormPlanOptions } from '../domain/storm-request';
import { statusStormSchema } from '../status-storm-schema';
import { failureToHttp, icwsError } from './icws-error';
import { SERVER_CONTEXT, type ServerContext } from './server-context';

/**
 * Agents changing status over time: `POST` starts a storm (N agents, a rate per agent, a duration, a seed), `GET`
 * tells how far it is, `DELETE` stops it. One storm at a time, so a benchmark knows what it measures.
 */
@Controller('sim/status-storm')
export class StatusStormController {
  constructor(@Inject(SERVER_CONTEXT) private readonly context: ServerContext) {}

  @Post()
  @HttpCode(HttpStatus.ACCEPTED)
  start(@Body() body: unknown) {
    const parsed = statusStormSchema.safeParse(body);
    if (!parsed.success)
      throw icwsError(HttpStatus.BAD_REQUEST, 'error.sim.invalid', z.prettifyError(parsed.error));
    if (this.context.storm.running)
      throw icwsError(HttpStatus.CONFLICT, 'error.sim.conflict', 'a storm is running: DELETE it first');
    const options = stormPlanOptions(this.context.simulation.center, parsed.data);
    if (!options.ok) throw failureToHttp(options);
    const plan = new StatusStormPlan(options.value);
    this.context.storm.start(plan, { recordChanges: parsed.data.recordChanges });
    this.context.logger.info({ ...parsed.data, agents: options.value.agents.length }, 'status storm started');
    return { agents: options.value.agents.length, expectedChanges: Math.round(plan.expectedChanges) };
  }

  @Get()
  progress() {
    return this.context.storm.progress();
  }

  /** Every change applied, with its exact time, when the storm was started with `recordChanges`. */
  @Get('changes')
  changes() {
    const changes = this.context.storm.changes();
    if (!changes)
      throw icwsError(HttpStatus.NOT_FOUND, 'error.sim.notFound', 'the storm does not record its changes');
    return { changes };
  }

  /** Stops the storm; answers how far it got. */
  @Delete()
  stop() {
    this.context.storm.stop();
    return this.context.storm.progress();
  }
}

import {
  Controller,
  Get,
  HttpCode,
  HttpStatus,
  Inject,
  NotFoundException,
  Param,
  ParseIntPipe,
  Post,
  Res,
} from '@nestjs/common';
import { OperatorEndpoint } from '@bridge/runtime';
import type { Response } from 'express';
import { IntervalProjectionStore } from '../persistence/interval-projection-store';
import { UploadJobs } from '../persistence/upload-jobs';
import { UploadRunner } from '../upload/upload-runner';

/**
 * Operator endpoints: run an upload now, the job history, the projection's state and its rebuild by replay.
 * Every one needs the operator token; the POSTs take JSON only and are audited.
 */
@Controller('historical-upload')
@OperatorEndpoint()
export class HistoricalUploadController {
  constructor(
    @Inject(UploadRunner) private readonly runner: UploadRunner,
    @Inject(UploadJobs) private readonly jobs: UploadJobs,
    @Inject(IntervalProjectionStore) private readonly projection: IntervalProjectionStore,
  ) {}

  /** Starts a job for the current window: 202 with it; 409 with the job in flight; 200 when up to date. */
  @Post('runs')
  async run(@Res({ passthrough: true }) res: Response) {
    const answer = await this.runner.runNow();
    res.status(
      answer.started
        ? HttpStatus.ACCEPTED
        : answer.reason === 'inFlight'
          ? HttpStatus.CONFLICT
          : HttpStatus.OK,
    );
    return answer;
  }

  /** The newest 50 jobs, newest first, each with its history. */
  @Get('jobs')
  list() {
    return this.jobs.list(50);
  }

  @Get('jobs/:id')
  async job(@Param('id', ParseIntPipe) id: number) {
    const job = await this.jobs.get(id);
    if (!job) throw new NotFoundException(`no job ${id}`);
    return job;
  }

  @Get('projection')
  state() {
    return this.projection.state();
  }

  /** Rebuilds the interval projection from the event store; the next upload carries the rebuilt rows. */
  @Post('projection/rebuild')
  @HttpCode(HttpStatus.ACCEPTED)
  async rebuild() {
    await this.projection.reset();
    return { rebuilding: true };
  }
}

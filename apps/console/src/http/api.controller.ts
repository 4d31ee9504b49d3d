import {
  BadRequestException,
  Body,
  Controller,
  Get,
  HttpCode,
  Inject,
  Logger,
  Param,
  Post,
  Query,
  Req,
  Res,
  UnsupportedMediaTypeException,
} from '@nestjs/common';
import type { Response } from 'express';
import { BadQuery, ConsoleReads, requiredKind } from '../console-reads';
import { consoleCommands, OperatorActions, type ConsoleCommandName } from '../operator/operator-actions';
import { LiveUpdates } from '../projection/live-updates';
import { ProjectionFeed } from '../projection/projection-feed';
import { Audit } from './audit';
import { operatorOf, type ConsoleRequest } from './console-request';
import { SignedIn } from './session.guard';

/** A read's BadQuery as 400 naming the parameter. */
export async function read<T>(run: () => T | Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof BadQuery) throw new BadRequestException(error.message);
    throw error;
  }
}

const HEARTBEAT_MS = 20_000;
const rebuildLogger = new Logger('ProjectionFeed');

/**
 * The console's JSON API: the same reads as the pages, the operator commands, and the live event stream. Every
 * route needs a signed-in operator; the POSTs also the session's CSRF token, and JSON bodies.
 */
@Controller('api')
@SignedIn()
export class ApiController {
  constructor(
    @Inject(ConsoleReads) private readonly reads: ConsoleReads,
    @Inject(OperatorActions) private readonly actions: OperatorActions,
    @Inject(LiveUpdates) private readonly live: LiveUpdates,
    @Inject(ProjectionFeed) private readonly feed: ProjectionFeed,
    @Inject(Audit) private readonly audit: Audit,
  ) {}

  @Get('health')
  health() {
    return this.reads.health();
  }

  @Get('status')
  status() {
    return { counts: this.reads.counts(), ready: this.feed.ready };
  }

  @Get('records')
  records(@Query() params: Record<string, unknown>) {
    return read(() => this.reads.records(this.reads.recordQuery(params)));
  }

  @Get('records/:kind/:cicId')
  record(@Req() request: ConsoleRequest, @Param('kind') kind: string, @Param('cicId') cicId: string) {
    return read(async () => this.reads.record(requiredKind(kind), cicId, operatorOf(request).name));
  }

  @Get('activity')
  activity(@Query() params: Record<string, unknown>) {
    return read(async () => this.reads.activity(this.reads.activityFilter(params)));
  }

  @Get('config')
  config() {
    return this.reads.settings();
  }

  @Get('actions')
  actionsState(@Req() request: ConsoleRequest) {
    return this.reads.actions(operatorOf(request).name);
  }

  @Get('plan')
  plan(@Req() request: ConsoleRequest) {
    return this.reads.plan(operatorOf(request).name);
  }

  @Get('reprovision')
  reprovision() {
    return this.feed.reprovision() ?? null;
  }

  /** Server-sent events: `health`, `status`, `activity` and `reprovision`, each with its newest data. */
  @Get('events')
  events(@Req() request: ConsoleRequest, @Res() response: Response) {
    response.writeHead(200, {
      'Content-Type': 'text/event-stream',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    response.write('retry: 3000\n\n');
    const unsubscribe = this.live.subscribe((topic, data) =>
      response.write(`event: ${topic}\ndata: ${JSON.stringify(data ?? null)}\n\n`),
    );
    const heartbeat = setInterval(() => response.write(': keep-alive\n\n'), HEARTBEAT_MS);
    request.on('close', () => {
      clearInterval(heartbeat);
      unsubscribe();
    });
  }

  /** Forgets the projection and reads the streams again. */
  @Post('projection/rebuild')
  @HttpCode(202)
  async rebuild(@Req() request: ConsoleRequest) {
    requireJson(request);
    await this.audit.action(
      operatorOf(request).name,
      'projection rebuilt',
      'MAPPING and DELIVERY read again',
    );
    this.feed
      .rebuild()
      .catch((error: unknown) =>
        rebuildLogger.error(
          `projection rebuild failed: ${error instanceof Error ? error.message : String(error)}`,
        ),
      );
    return { rebuilding: true };
  }

  /** An operator command: `{ ok, result }` (200) or `{ ok: false, refusal }` (409, 400 for invalid, 503 unavailable). */
  @Post([...Object.keys(consoleCommands)])
  async command(
    @Req() request: ConsoleRequest,
    @Body() body: unknown,
    @Res({ passthrough: true }) response: Response,
  ) {
    requireJson(request);
    const name = request.path.slice('/api/'.length) as ConsoleCommandName;
    const fields =
      typeof body === 'object' && body !== null && !Array.isArray(body)
        ? (body as Record<string, unknown>)
        : {};
    const answer = await this.actions.run(name, operatorOf(request).name, fields);
    if (!answer.ok)
      response.status(
        answer.refusal.code === 'invalid'
          ? 400
          : answer.refusal.code === 'unavailable'
            ? 503
            : answer.refusal.code === 'internal'
              ? 500
              : 409,
      );
    else response.status(200);
    return answer;
  }
}

/** Operator commands take JSON only: a form elsewhere on the web cannot send it without a CORS preflight. */
function requireJson(request: ConsoleRequest): void {
  const type = String(request.headers['content-type'] ?? '')
    .split(';')[0]
    ?.trim()
    .toLowerCase();
  if (type !== 'application/json')
    throw new UnsupportedMediaTypeException('send the body as application/json');
}

import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Inject,
  Param,
  Post,
  Put,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import { badRequest } from '../domain/api-error';
import type { FaultRule } from '../domain/faults';
import { dumpOrg } from '../domain/org-state';
import { createDefinition, presenceState } from '../domain/presence';
import { createLanguage, createQueue, createSkill, createWrapupCode } from '../domain/routing';
import { createScimUser } from '../domain/scim-users';
import { importsWithFiles, storeUpload } from '../domain/wfm';
import { SimContext } from '../sim-context';

/**
 * /sim: the simulator's own control surface, outside the Genesys API (no token, no rate limit, not logged):
 * state dump, request log, reset, seeding foreign objects, fault injection, and the presigned-upload target.
 */
type Json = Record<string, unknown>;
const isRecord = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const entries = (body: Json, name: string): unknown[] => {
  const value = body[name];
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw badRequest(`${name} must be an array`);
  return value;
};

function readFault(body: unknown): Omit<FaultRule, 'id'> {
  if (!isRecord(body) || typeof body['pathPrefix'] !== 'string') throw badRequest('pathPrefix is required');
  const ratio = (name: string) => {
    const value = body[name];
    if (value === undefined) return undefined;
    if (typeof value !== 'number' || value < 0 || value > 1)
      throw badRequest(`${name} must be a number from 0 to 1`);
    return value;
  };
  const count = (name: string) => {
    const value = body[name];
    if (value === undefined) return undefined;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0)
      throw badRequest(`${name} must be a whole number`);
    return value;
  };
  return {
    pathPrefix: body['pathPrefix'],
    method: typeof body['method'] === 'string' ? body['method'] : undefined,
    latencyMs: count('latencyMs'),
    answerLatencyMs: count('answerLatencyMs'),
    errorRatio: ratio('errorRatio'),
    errorStatus: count('errorStatus'),
    timeoutRatio: ratio('timeoutRatio'),
    resetRatio: ratio('resetRatio'),
    remaining: count('remaining'),
  };
}

@Controller('sim')
export class SimController {
  constructor(@Inject(SimContext) private readonly sim: SimContext) {}

  @Get('state')
  state(): unknown {
    return {
      org: dumpOrg(this.sim.org),
      presence: presenceState(this.sim.org),
      oauth: this.sim.issuer.summary(),
      rateLimitPerMinute: this.sim.rateLimitPerMinute,
      clockScale: this.sim.clock.scale,
      faults: this.sim.faults.map((f) => ({ ...f.rule, matched: f.matched })),
    };
  }

  /** Counters of the presence and routing status events (duplicates, out of order, delays). */
  @Get('presence-stats')
  presenceStats(): unknown {
    return this.sim.org.eventLedger.stats();
  }

  /** Every presence and routing status event applied since the counters were zeroed, with its receipt time. */
  @Get('presence-events')
  presenceEvents(): unknown {
    return { events: this.sim.org.eventLedger.appliedEvents() };
  }

  /** Zeroes the counters and delays, keeping the event ids and ordering (so a retry is still a duplicate). */
  @Delete('presence-stats')
  @HttpCode(204)
  clearPresenceStats(): void {
    this.sim.org.eventLedger.resetCounters();
  }

  /**
   * The conversations the events API made: counters (new events, duplicates, rejected), and with
   * `?conversations=true` every conversation with its events in time order.
   */
  @Get('conversations')
  conversations(@Query('conversations') all?: string): unknown {
    const ledger = this.sim.org.conversations;
    return all === 'true' ? { ...ledger.stats(), conversations: ledger.list() } : ledger.stats();
  }

  /** Zeroes the conversation counters, keeping the conversations (a replay after it is still a duplicate). */
  @Delete('conversations/stats')
  @HttpCode(204)
  clearConversationStats(): void {
    this.sim.org.conversations.resetCounters();
  }

  @Get('requests')
  requests(): unknown {
    return { ...this.sim.log.summary(), entries: this.sim.log.list() };
  }

  @Get('requests/summary')
  requestSummary(): unknown {
    return this.sim.log.summary();
  }

  @Delete('requests')
  @HttpCode(204)
  clearRequests(): void {
    this.sim.log.clear();
  }

  @Post('reset')
  @HttpCode(204)
  reset(): void {
    this.sim.reset();
  }

  /** Objects made by "someone else" (marked foreign), so a test can check the client leaves them alone. */
  @Post('seed')
  @HttpCode(200)
  seed(@Body() body: unknown): unknown {
    if (!isRecord(body)) throw badRequest('The body must be an object');
    const { org, clock } = this.sim;
    return {
      skills: entries(body, 'skills').map((s) => createSkill(org, clock, s, true).id),
      languages: entries(body, 'languages').map((l) => createLanguage(org, clock, l, true).id),
      wrapupCodes: entries(body, 'wrapupCodes').map((w) => createWrapupCode(org, clock, w, true).id),
      queues: entries(body, 'queues').map((q) => createQueue(org, clock, q, true).id),
      users: entries(body, 'users').map((u) => createScimUser(org, clock, u, true).id),
      presenceDefinitions: entries(body, 'presenceDefinitions').map((d) => createDefinition(org, d, true).id),
    };
  }

  @Get('faults')
  faults(): unknown {
    return this.sim.faults.map((f) => ({ ...f.rule, matched: f.matched }));
  }

  @Post('faults')
  @HttpCode(201)
  addFault(@Body() body: unknown): unknown {
    return this.sim.addFault(readFault(body));
  }

  @Delete('faults')
  @HttpCode(204)
  clearFaults(): void {
    this.sim.faults = [];
  }

  @Delete('faults/:id')
  @HttpCode(204)
  removeFault(@Param('id') id: string): void {
    this.sim.faults = this.sim.faults.filter((f) => f.rule.id !== id);
  }

  @Put('rate-limit')
  rateLimit(@Body() body: unknown): unknown {
    const value = isRecord(body) ? body['perMinute'] : undefined;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 1)
      throw badRequest('perMinute must be a positive integer');
    this.sim.rateLimitPerMinute = value;
    return { perMinute: value };
  }

  /** WFM historical imports with the files they received, and the processing time. */
  @Get('wfm')
  wfm(): unknown {
    return {
      processingMs: this.sim.wfmProcessingMs,
      imports: importsWithFiles(this.sim.org, this.sim.clock),
    };
  }

  @Put('wfm')
  setWfm(@Body() body: unknown): unknown {
    const value = isRecord(body) ? body['processingMs'] : undefined;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0)
      throw badRequest('processingMs must be a whole number');
    this.sim.wfmProcessingMs = value;
    return { processingMs: value };
  }

  /**
   * The "presigned URL" that POST /uploads/…/historicaldata/csv hands out; answers like S3 (200, 403, or 400 for a
   * body cut short: S3 stores nothing of an upload whose client went away).
   */
  @Put('uploads/:uploadKey')
  upload(
    @Param('uploadKey') uploadKey: string,
    @Body() body: unknown,
    @Req() req: Request,
    @Res() res: Response,
  ): void {
    const bytes = typeof body === 'string' ? Buffer.from(body) : Buffer.isBuffer(body) ? body : undefined;
    if (!bytes || bytes.length !== Number(req.headers['content-length'])) {
      res.status(400).end();
      return;
    }
    const stored = storeUpload(this.sim.org, this.sim.clock, uploadKey, bytes.toString('utf8'));
    res.status(stored ? 200 : 403).end();
  }
}

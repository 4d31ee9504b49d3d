import { BadRequestException, Body, Controller, Get, HttpCode, Inject, Post, Query } from '@nestjs/common';
import { OperatorEndpoint } from '@bridge/runtime';
import { z } from 'zod';
import { Conversations } from '../persistence/conversations';
import { ReplicationLane } from '../replication/replication-lane';

const backfillSchema = z
  .object({ from: z.iso.datetime({ offset: true }), to: z.iso.datetime({ offset: true }) })
  .strict()
  .refine(({ from, to }) => Date.parse(from) < Date.parse(to), 'from must be before to');

/**
 * Operator endpoints of interaction replication: the per-interaction outcomes, and the backfill of a time range
 * (interactions that disconnected in it are sent again; Genesys takes an event it has as a duplicate).
 */
@Controller('replication')
@OperatorEndpoint()
export class ReplicationController {
  constructor(
    @Inject(Conversations) private readonly conversations: Conversations,
    @Inject(ReplicationLane) private readonly lane: ReplicationLane,
  ) {}

  @Get('outcomes')
  async outcomes(@Query('limit') limit?: string) {
    const count = Math.min(Math.max(Number(limit ?? 100) || 100, 1), 1_000);
    return { counts: await this.conversations.counts(), latest: await this.conversations.outcomes(count) };
  }

  /** `{ "from": "2026-12-01T00:00:00Z", "to": "2026-12-02T00:00:00Z" }`: answers how many interactions are due. */
  @Post('backfill')
  @HttpCode(202)
  async backfill(@Body() body: unknown) {
    const parsed = backfillSchema.safeParse(body);
    if (!parsed.success) throw new BadRequestException(z.prettifyError(parsed.error));
    const due = await this.conversations.backfill(new Date(parsed.data.from), new Date(parsed.data.to));
    this.lane.wake();
    return { due };
  }
}

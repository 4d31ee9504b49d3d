import { OperatorMappingBackfill } from '@bridge/contracts';
import { NATS_CONNECTION, sendOperatorCommand, Topology, type NatsConnection } from '@bridge/messaging';
import { OperatorEndpoint } from '@bridge/runtime';
import { BadRequestException, Body, Controller, Get, HttpCode, Inject, Post, Query } from '@nestjs/common';
import { z } from 'zod';
import { Conversations } from '../persistence/conversations';
import { resultOf, tokenHolder } from './delivery.controller';

const backfillSchema = z
  .object({ from: z.iso.datetime({ offset: true }), to: z.iso.datetime({ offset: true }) })
  .strict()
  .refine(({ from, to }) => Date.parse(from) < Date.parse(to), 'from must be before to');

/** A backfill maps every interaction of its range again: a long range takes a while. */
const backfillTimeoutMs = 5 * 60_000;

/**
 * Operator endpoints of interaction replication: the per-interaction outcomes, and the backfill of a time range
 * from the event store (object-mapping publishes the range's conversations again, marked, and this service sends
 * every event of them once more; Genesys takes an event it has as a duplicate).
 */
@Controller('replication')
@OperatorEndpoint()
export class ReplicationController {
  constructor(
    @Inject(Conversations) private readonly conversations: Conversations,
    @Inject(NATS_CONNECTION) private readonly nats: NatsConnection,
    @Inject(Topology) private readonly topology: Topology,
  ) {}

  @Get('outcomes')
  async outcomes(@Query('limit') limit?: string) {
    const count = Math.min(Math.max(Number(limit ?? 100) || 100, 1), 1_000);
    return { counts: await this.conversations.counts(), latest: await this.conversations.outcomes(count) };
  }

  /**
   * `{ "from": "2026-12-01T00:00:00Z", "to": "2026-12-02T00:00:00Z" }`: answers how many interactions disconnected
   * in the range, once their documents are published (they are sent as the lane takes them).
   */
  @Post('backfill')
  @HttpCode(202)
  async backfill(@Body() body: unknown) {
    const parsed = backfillSchema.safeParse(body);
    if (!parsed.success) throw new BadRequestException(z.prettifyError(parsed.error));
    const answer = await sendOperatorCommand(
      this.nats,
      this.topology,
      OperatorMappingBackfill,
      { operator: tokenHolder, ...parsed.data },
      backfillTimeoutMs,
    );
    return resultOf(answer);
  }
}

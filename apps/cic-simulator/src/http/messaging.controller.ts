import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Inject,
  Param,
  Put,
  Req,
  Res,
  UseGuards,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import { z } from 'zod';
import type { JsonObject } from '../domain/json';
import { parseSelect } from '../domain/projection';
import type { Session } from '../domain/session';
import { ICWS, kindFromSegment } from '../icws-names';
import { ActiveServerGuard, SessionGuard } from './guards';
import { icwsError } from './icws-error';
import { IcwsSession } from './icws-session.decorator';
import { SERVER_CONTEXT, type ServerContext } from './server-context';

const S = ICWS.subscription;
const configSubscriptionSchema = z.object({
  [S.configurationIds]: z.array(z.string()).min(1),
  [S.properties]: z.array(z.string()).default([]),
  [S.rightsFilter]: z.enum(['view', 'admin']).optional(),
});
const userStatusSubscriptionSchema = z.object({ [S.userIds]: z.array(z.string().min(1)) });
const Q = ICWS.queues;
const queueSubscriptionSchema = z.object({
  [Q.queueIds]: z
    .array(z.object({ [Q.queueType]: z.number().int(), [Q.queueName]: z.string().min(1).max(256) }))
    .min(1)
    .max(10_000),
  [Q.attributeNames]: z.array(z.string().min(1).max(256)).min(1).max(500),
});

/** Subscriptions and message retrieval, by short polling or server-sent events (reference §3.5). */
@Controller('icws/:sessionId/messaging')
@UseGuards(ActiveServerGuard, SessionGuard)
export class MessagingController {
  constructor(@Inject(SERVER_CONTEXT) private readonly context: ServerContext) {}

  @Put('subscriptions/configuration/:objectType/:subscriptionId')
  @HttpCode(HttpStatus.OK)
  subscribeConfiguration(
    @IcwsSession() session: Session,
    @Param('objectType') objectType: string,
    @Param('subscriptionId') subscriptionId: string,
    @Body() body: unknown,
  ): void {
    const kind = kindFromSegment(objectType);
    if (!kind)
      throw icwsError(HttpStatus.NOT_FOUND, 'error.request.notFound', `no configuration type ${objectType}`);
    const parsed = configSubscriptionSchema.safeParse(body);
    if (!parsed.success)
      throw icwsError(HttpStatus.BAD_REQUEST, 'error.request.invalid', parsed.error.message);
    const ids = parsed.data[S.configurationIds];
    const properties = parsed.data[S.properties];
    if (ids.includes(S.wildcard) && properties.includes(S.wildcard)) {
      throw icwsError(
        HttpStatus.BAD_REQUEST,
        'error.request.invalid',
        'configurationIds and properties cannot both be "*"',
      );
    }
    this.context.simulation.subscribeConfig(session, {
      kind,
      subscriptionId,
      ids: ids.includes(S.wildcard) ? '*' : new Set(ids.map((id) => id.toLowerCase())),
      properties: parseSelect(properties.join(',')),
    });
  }

  @Delete('subscriptions/configuration/:objectType/:subscriptionId')
  @HttpCode(HttpStatus.NO_CONTENT)
  unsubscribeConfiguration(
    @IcwsSession() session: Session,
    @Param('objectType') objectType: string,
    @Param('subscriptionId') subscriptionId: string,
  ): void {
    const kind = kindFromSegment(objectType);
    if (!kind || !this.context.simulation.unsubscribeConfig(session, kind, subscriptionId)) {
      throw icwsError(HttpStatus.NOT_FOUND, 'error.request.notFound', 'no such subscription');
    }
  }

  /** A watch of workgroup queues (reference §3.8); other queue types are not simulated. */
  @Put(`subscriptions/${Q.subscriptionPath}/:subscriptionId`)
  @HttpCode(HttpStatus.OK)
  subscribeQueues(
    @IcwsSession() session: Session,
    @Param('subscriptionId') subscriptionId: string,
    @Body() body: unknown,
  ): void {
    const parsed = queueSubscriptionSchema.safeParse(body);
    if (!parsed.success)
      throw icwsError(HttpStatus.BAD_REQUEST, 'error.request.invalid', parsed.error.message);
    const queues = parsed.data[Q.queueIds];
    const other = queues.find((queue) => queue[Q.queueType] !== Q.workgroupQueueType);
    if (other)
      throw icwsError(
        HttpStatus.BAD_REQUEST,
        'error.request.invalid',
        `queue type ${other[Q.queueType]} is not simulated`,
      );
    const names = parsed.data[Q.attributeNames];
    this.context.simulation.subscribeQueues(session, {
      subscriptionId,
      workgroups: new Set(queues.map((queue) => queue[Q.queueName].toLowerCase())),
      attributeNames: names.includes(S.wildcard) ? '*' : names,
      shown: new Set(),
    });
  }

  @Delete(`subscriptions/${Q.subscriptionPath}/:subscriptionId`)
  @HttpCode(HttpStatus.NO_CONTENT)
  unsubscribeQueues(@IcwsSession() session: Session, @Param('subscriptionId') subscriptionId: string): void {
    if (!this.context.simulation.unsubscribeQueues(session, subscriptionId))
      throw icwsError(HttpStatus.NOT_FOUND, 'error.request.notFound', 'no such subscription');
  }

  @Put('subscriptions/status/user-statuses')
  @HttpCode(HttpStatus.OK)
  subscribeUserStatuses(@IcwsSession() session: Session, @Body() body: unknown): void {
    const parsed = userStatusSubscriptionSchema.safeParse(body);
    if (!parsed.success)
      throw icwsError(HttpStatus.BAD_REQUEST, 'error.request.invalid', parsed.error.message);
    this.context.simulation.subscribeUserStatuses(session, parsed.data[S.userIds]);
  }

  @Delete('subscriptions/status/user-statuses')
  @HttpCode(HttpStatus.NO_CONTENT)
  unsubscribeUserStatuses(@IcwsSession() session: Session): void {
    session.userStatusIds = undefined;
  }

  @Put('subscriptions/status/status-messages')
  @HttpCode(HttpStatus.OK)
  subscribeStatusMessages(@IcwsSession() session: Session): void {
    this.context.simulation.subscribeStatusMessages(session);
  }

  @Delete('subscriptions/status/status-messages')
  @HttpCode(HttpStatus.NO_CONTENT)
  unsubscribeStatusMessages(@IcwsSession() session: Session): void {
    session.statusMessagesSubscribed = false;
  }

  /**
   * Short polling returns (and clears) the queue as a JSON array. With `Accept: text/event-stream` and messaging
   * v2+, the connection stays open and each message is one SSE event, with `:ping` comments while idle.
   */
  @Get('messages')
  messages(@IcwsSession() session: Session, @Req() request: Request, @Res() response: Response): void {
    const wantsStream = (request.header('accept') ?? '').includes('text/event-stream');
    if (!wantsStream || this.context.messagingVersion < 2) {
      response.status(HttpStatus.OK).json(session.drain());
      return;
    }
    this.stream(session, response);
  }

  private stream(session: Session, response: Response): void {
    response.writeHead(HttpStatus.OK, {
      'Content-Type': 'text/event-stream',
      'Cache-Control': 'no-cache',
      Connection: 'keep-alive',
    });
    response.write('retry: 1000\n\n');
    let eventId = 0;
    const detach = session.attach((message: JsonObject) => {
      eventId += 1;
      response.write(`id: ${eventId}\nevent: message\ndata: ${JSON.stringify(message)}\n\n`);
    });
    const ping = setInterval(() => response.write(':ping\n\n'), this.context.pingIntervalMs);
    const stopOnClose = session.onClose(() => response.end());
    // The response closes when the client goes away or the session ends (logoff, switchover, shutdown).
    response.on('close', () => {
      clearInterval(ping);
      detach();
      stopOnClose();
    });
  }
}

import { Body, Controller, HttpCode, HttpStatus, Inject, Post, Put, UseGuards } from '@nestjs/common';
import { z } from 'zod';
import type { Session } from '../domain/session';
import { ICWS } from '../icws-names';
import { ActiveServerGuard, SessionGuard } from './guards';
import { icwsError } from './icws-error';
import { IcwsSession } from './icws-session.decorator';
import { SERVER_CONTEXT, type ServerContext } from './server-context';

const N = ICWS.customNotification;
const header = z.object({
  [N.objectId]: z.string().min(1).max(256),
  [N.eventId]: z.string().min(1).max(256),
});
const subscriptionSchema = z.object({ [N.headers]: z.array(header).max(1000) });
const notificationSchema = header.extend({ [N.data]: z.array(z.string().max(4096)).max(64).default([]) });

/** [INF] Custom notifications (issue 19): a session sends one, the sessions subscribed to its header pair get it. */
@Controller('icws/:sessionId')
@UseGuards(ActiveServerGuard, SessionGuard)
export class CustomNotificationController {
  constructor(@Inject(SERVER_CONTEXT) private readonly context: ServerContext) {}

  @Put(`messaging/subscriptions/${N.subscriptionPath}`)
  @HttpCode(HttpStatus.OK)
  subscribe(@IcwsSession() session: Session, @Body() body: unknown): void {
    const parsed = subscriptionSchema.safeParse(body);
    if (!parsed.success)
      throw icwsError(HttpStatus.BAD_REQUEST, 'error.request.invalid', parsed.error.message);
    this.context.simulation.subscribeCustomNotifications(
      session,
      parsed.data[N.headers].map((h) => ({ objectId: h[N.objectId], eventId: h[N.eventId] })),
    );
  }

  @Post(N.sendPath)
  @HttpCode(HttpStatus.ACCEPTED)
  send(@Body() body: unknown): void {
    const parsed = notificationSchema.safeParse(body);
    if (!parsed.success)
      throw icwsError(HttpStatus.BAD_REQUEST, 'error.request.invalid', parsed.error.message);
    this.context.simulation.sendCustomNotification({
      objectId: parsed.data[N.objectId],
      eventId: parsed.data[N.eventId],
      data: parsed.data[N.data],
    });
  }
}

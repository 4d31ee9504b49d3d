import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ingestConversationEvents } from '../domain/events';
import { ingestPresenceEvents, ingestRoutingStatusEvents } from '../domain/presence-events';
import { SimContext } from '../sim-context';

/** Event ingestion for external platforms; each answers a BatchEventResponse. */
@Controller('api/v2/events')
export class EventsController {
  constructor(@Inject(SimContext) private readonly sim: SimContext) {}

  @Post('users/presence')
  @HttpCode(200)
  presence(@Body() body: unknown): unknown {
    return ingestPresenceEvents(this.sim.org, this.sim.clock, body);
  }

  @Post('users/routingstatus')
  @HttpCode(200)
  routingStatus(@Body() body: unknown): unknown {
    return ingestRoutingStatusEvents(this.sim.org, this.sim.clock, body);
  }

  @Post('conversations')
  @HttpCode(200)
  conversations(@Body() body: unknown): unknown {
    return ingestConversationEvents(this.sim.org, this.sim.clock, body);
  }
}

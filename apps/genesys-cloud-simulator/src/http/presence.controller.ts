import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Put, Query } from '@nestjs/common';
import { SYSTEM_PRESENCES, systemPresenceId } from '../domain/org-state';
import {
  createDefinition,
  createSource,
  definitionView,
  deleteDefinition,
  deleteSource,
  getDefinition,
  getPrimarySource,
  getSource,
  listDefinitions,
  listSources,
  putPrimarySource,
  sourceView,
  updateDefinition,
  updateSource,
} from '../domain/presence';
import { SimContext } from '../sim-context';
import { type Query as Q, str } from './request-helpers';

/** Presence definitions, sources, a user's primary source and the org's presence settings. */
@Controller('api/v2')
export class PresenceController {
  constructor(@Inject(SimContext) private readonly sim: SimContext) {}

  @Get('presence/definitions')
  definitions(@Query() q: Q): unknown {
    return listDefinitions(this.sim.org, str(q, 'deactivated'));
  }

  @Post('presence/definitions')
  @HttpCode(200)
  createDefinition(@Body() body: unknown): unknown {
    return definitionView(createDefinition(this.sim.org, body));
  }

  @Get('presence/definitions/:definitionId')
  definition(@Param('definitionId') id: string): unknown {
    return definitionView(getDefinition(this.sim.org, id));
  }

  @Put('presence/definitions/:definitionId')
  updateDefinition(@Param('definitionId') id: string, @Body() body: unknown): unknown {
    return definitionView(updateDefinition(this.sim.org, id, body));
  }

  @Delete('presence/definitions/:definitionId')
  @HttpCode(204)
  deleteDefinition(@Param('definitionId') id: string): void {
    deleteDefinition(this.sim.org, id);
  }

  @Get('presence/sources')
  sources(@Query() q: Q): unknown {
    return listSources(this.sim.org, str(q, 'deactivated'));
  }

  @Post('presence/sources')
  @HttpCode(200)
  createSource(@Body() body: unknown): unknown {
    return sourceView(createSource(this.sim.org, body));
  }

  @Get('presence/sources/:sourceId')
  source(@Param('sourceId') id: string): unknown {
    return sourceView(getSource(this.sim.org, id));
  }

  @Put('presence/sources/:sourceId')
  updateSource(@Param('sourceId') id: string, @Body() body: unknown): unknown {
    return sourceView(updateSource(this.sim.org, id, body));
  }

  @Delete('presence/sources/:sourceId')
  @HttpCode(204)
  deleteSource(@Param('sourceId') id: string): void {
    deleteSource(this.sim.org, id);
  }

  @Get('presence/users/:userId/primarysource')
  primarySource(@Param('userId') id: string): unknown {
    return getPrimarySource(this.sim.org, id);
  }

  @Put('presence/users/:userId/primarysource')
  putPrimarySource(@Param('userId') id: string, @Body() body: unknown): unknown {
    return putPrimarySource(this.sim.org, id, body);
  }

  @Get('presence/settings')
  settings(): unknown {
    return this.sim.org.presenceSettings;
  }

  @Put('presence/settings')
  putSettings(@Body() body: unknown): unknown {
    if (typeof body === 'object' && body !== null) Object.assign(this.sim.org.presenceSettings, body);
    return this.sim.org.presenceSettings;
  }

  @Get('systempresences')
  systemPresences(): unknown {
    return SYSTEM_PRESENCES.map((name) => ({
      id: name.toUpperCase(),
      name,
      selfUri: `/api/v2/presence/definitions/${systemPresenceId(name)}`,
    }));
  }
}

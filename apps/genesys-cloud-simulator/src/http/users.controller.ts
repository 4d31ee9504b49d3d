import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Inject,
  Param,
  Patch,
  Post,
  Put,
  Query,
} from '@nestjs/common';
import { notFound } from '../domain/api-error';
import { page, pageRequest } from '../domain/paging';
import {
  getOutOfOffice,
  getPresencesBulk,
  getRoutingStatus,
  getUserPresence,
  patchUserPresence,
  putOutOfOffice,
  putPresencesBulk,
  putRoutingStatus,
} from '../domain/presence';
import {
  addUserLanguage,
  addUserSkill,
  bulkUserSkills,
  deleteUserLanguage,
  deleteUserSkill,
  listUserLanguages,
  listUserSkills,
  patchUserLanguage,
  patchUserLanguages,
  putUserSkill,
  userView,
} from '../domain/routing';
import { SimContext } from '../sim-context';
import { type Query as Q, list, str } from './request-helpers';

/** /api/v2/users: the Platform view of users and what hangs off a user (skills, presence, status, OOO). */
@Controller('api/v2/users')
export class UsersController {
  constructor(@Inject(SimContext) private readonly sim: SimContext) {}

  @Get()
  users(@Query() q: Q): unknown {
    const state = str(q, 'state') ?? 'active';
    const ids = list(q, 'id');
    const found = [...this.sim.org.users.values()]
      .filter((u) => state === 'any' || u.state === state)
      .filter((u) => !ids || ids.includes(u.id))
      .map((u) => userView(this.sim.org, u));
    return page(found, pageRequest(str(q, 'pageNumber'), str(q, 'pageSize'), 500), '/api/v2/users');
  }

  @Put('presences/bulk')
  putPresencesBulk(@Body() body: unknown): unknown {
    return putPresencesBulk(this.sim.org, this.sim.clock, body);
  }

  @Get('presences/:sourceId/bulk')
  presencesBulk(@Param('sourceId') sourceId: string, @Query() q: Q): unknown {
    return getPresencesBulk(this.sim.org, sourceId, list(q, 'id') ?? []);
  }

  @Get(':userId')
  user(@Param('userId') id: string): unknown {
    const user = this.sim.org.users.get(id);
    if (!user) throw notFound('User', id);
    return userView(this.sim.org, user);
  }

  @Get(':userId/routingskills')
  skills(@Param('userId') id: string, @Query() q: Q): unknown {
    return listUserSkills(this.sim.org, id, pageRequest(str(q, 'pageNumber'), str(q, 'pageSize')));
  }

  @Post(':userId/routingskills')
  @HttpCode(200)
  addSkill(@Param('userId') id: string, @Body() body: unknown): unknown {
    return addUserSkill(this.sim.org, this.sim.clock, id, body);
  }

  @Put(':userId/routingskills/bulk')
  replaceSkills(@Param('userId') id: string, @Body() body: unknown): unknown {
    return bulkUserSkills(this.sim.org, this.sim.clock, id, body, true);
  }

  @Patch(':userId/routingskills/bulk')
  addSkills(@Param('userId') id: string, @Body() body: unknown): unknown {
    return bulkUserSkills(this.sim.org, this.sim.clock, id, body, false);
  }

  @Put(':userId/routingskills/:skillId')
  putSkill(@Param('userId') id: string, @Param('skillId') skillId: string, @Body() body: unknown): unknown {
    return putUserSkill(this.sim.org, this.sim.clock, id, skillId, body);
  }

  @Delete(':userId/routingskills/:skillId')
  @HttpCode(204)
  deleteSkill(@Param('userId') id: string, @Param('skillId') skillId: string): void {
    deleteUserSkill(this.sim.org, this.sim.clock, id, skillId);
  }

  @Get(':userId/routinglanguages')
  languages(@Param('userId') id: string, @Query() q: Q): unknown {
    return listUserLanguages(this.sim.org, id, pageRequest(str(q, 'pageNumber'), str(q, 'pageSize')));
  }

  @Post(':userId/routinglanguages')
  @HttpCode(200)
  addLanguage(@Param('userId') id: string, @Body() body: unknown): unknown {
    return addUserLanguage(this.sim.org, this.sim.clock, id, body);
  }

  @Patch(':userId/routinglanguages/bulk')
  patchLanguages(@Param('userId') id: string, @Body() body: unknown): unknown {
    return patchUserLanguages(this.sim.org, this.sim.clock, id, body);
  }

  @Patch(':userId/routinglanguages/:languageId')
  patchLanguage(
    @Param('userId') id: string,
    @Param('languageId') languageId: string,
    @Body() body: unknown,
  ): unknown {
    return patchUserLanguage(this.sim.org, this.sim.clock, id, languageId, body);
  }

  @Delete(':userId/routinglanguages/:languageId')
  @HttpCode(204)
  deleteLanguage(@Param('userId') id: string, @Param('languageId') languageId: string): void {
    deleteUserLanguage(this.sim.org, this.sim.clock, id, languageId);
  }

  @Get(':userId/presences/:sourceId')
  presence(@Param('userId') id: string, @Param('sourceId') sourceId: string): unknown {
    return getUserPresence(this.sim.org, id, sourceId);
  }

  @Patch(':userId/presences/:sourceId')
  patchPresence(
    @Param('userId') id: string,
    @Param('sourceId') sourceId: string,
    @Body() body: unknown,
  ): unknown {
    return patchUserPresence(this.sim.org, this.sim.clock, id, sourceId, body);
  }

  @Get(':userId/routingstatus')
  routingStatus(@Param('userId') id: string): unknown {
    return getRoutingStatus(this.sim.org, this.sim.clock, id);
  }

  @Put(':userId/routingstatus')
  putRoutingStatus(@Param('userId') id: string, @Body() body: unknown): unknown {
    return putRoutingStatus(this.sim.org, this.sim.clock, id, body);
  }

  @Get(':userId/outofoffice')
  outOfOffice(@Param('userId') id: string): unknown {
    return getOutOfOffice(this.sim.org, id);
  }

  @Put(':userId/outofoffice')
  putOutOfOffice(@Param('userId') id: string, @Body() body: unknown): unknown {
    return putOutOfOffice(this.sim.org, id, body);
  }
}

import { Body, Controller, Delete, HttpCode, Inject, Param, Patch, Post, Put } from '@nestjs/common';
import { badRequest } from '../domain/api-error';
import {
  bulkQueueMembers,
  deleteLanguage,
  deleteQueue,
  deleteQueueMember,
  deleteSkill,
  deleteUserSkill,
  deleteWrapupCode,
  getQueue,
  getWrapupCode,
  putUserSkill,
  updateQueue,
  updateWrapupCode,
} from '../domain/routing';
import { deleteScimUser, patchScimUser } from '../domain/scim-users';
import { SimContext } from '../sim-context';

const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
type Json = Record<string, unknown>;
const isRecord = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function record(body: unknown): Json {
  if (!isRecord(body)) throw badRequest('The body must be an object');
  return body;
}

/**
 * /sim/org: changes "by hand", as an admin in the Genesys Cloud UI would make them behind the client's back
 * (rename a user, delete a queue, remove a member, change a skill rating), with the same rules as the API but
 * no token, no rate limit and nothing in the request log, so a test can drift the org without touching what
 * the client is measured on.
 */
@Controller('sim/org')
export class SimOrgController {
  constructor(@Inject(SimContext) private readonly sim: SimContext) {}

  /** `{ "displayName": "…", "phoneNumbers": […], … }`: each SCIM attribute given is replaced. */
  @Patch('users/:id')
  @HttpCode(204)
  editUser(@Param('id') id: string, @Body() body: unknown): void {
    const Operations = Object.entries(record(body)).map(([path, value]) => ({ op: 'replace', path, value }));
    patchScimUser(this.sim.org, this.sim.clock, id, { schemas: [PATCH_OP], Operations }, '');
  }

  @Delete('users/:id')
  @HttpCode(204)
  deleteUser(@Param('id') id: string): void {
    deleteScimUser(this.sim.org, this.sim.clock, id);
  }

  /** `{ "proficiency": 2 }`: the user's rating of the skill, added if it had none. */
  @Put('users/:id/skills/:skillId')
  @HttpCode(204)
  rateSkill(@Param('id') id: string, @Param('skillId') skillId: string, @Body() body: unknown): void {
    putUserSkill(this.sim.org, this.sim.clock, id, skillId, record(body));
  }

  @Delete('users/:id/skills/:skillId')
  @HttpCode(204)
  unassignSkill(@Param('id') id: string, @Param('skillId') skillId: string): void {
    deleteUserSkill(this.sim.org, this.sim.clock, id, skillId);
  }

  /** `{ "name": "…" }`: renames the queue, its other settings kept. */
  @Put('queues/:id')
  @HttpCode(204)
  renameQueue(@Param('id') id: string, @Body() body: unknown): void {
    const queue = getQueue(this.sim.org, id);
    const { name } = record(body);
    updateQueue(this.sim.org, this.sim.clock, id, {
      ...queue.settings,
      ...(queue.description !== undefined ? { description: queue.description } : {}),
      name,
    });
  }

  @Delete('queues/:id')
  @HttpCode(204)
  deleteQueue(@Param('id') id: string): void {
    deleteQueue(this.sim.org, id);
  }

  /** `{ "ids": ["…"] }`: adds these users to the queue. */
  @Post('queues/:id/members')
  @HttpCode(204)
  addMembers(@Param('id') id: string, @Body() body: unknown): void {
    const { ids } = record(body);
    if (!Array.isArray(ids)) throw badRequest('ids must be an array of user ids');
    const members = (ids as unknown[]).map((userId) => ({ id: userId }));
    bulkQueueMembers(this.sim.org, this.sim.clock, id, members, false);
  }

  @Delete('queues/:id/members/:userId')
  @HttpCode(204)
  removeMember(@Param('id') id: string, @Param('userId') userId: string): void {
    deleteQueueMember(this.sim.org, id, userId);
  }

  /** `{ "name": "…" }`: renames the wrap-up code. */
  @Put('wrapupcodes/:id')
  @HttpCode(204)
  renameWrapupCode(@Param('id') id: string, @Body() body: unknown): void {
    const code = getWrapupCode(this.sim.org, id);
    const { name } = record(body);
    updateWrapupCode(this.sim.org, this.sim.clock, id, {
      ...(code.description !== undefined ? { description: code.description } : {}),
      name,
    });
  }

  @Delete('wrapupcodes/:id')
  @HttpCode(204)
  deleteWrapupCode(@Param('id') id: string): void {
    deleteWrapupCode(this.sim.org, id);
  }

  @Delete('skills/:id')
  @HttpCode(204)
  deleteSkill(@Param('id') id: string): void {
    deleteSkill(this.sim.org, this.sim.clock, id);
  }

  @Delete('languages/:id')
  @HttpCode(204)
  deleteLanguage(@Param('id') id: string): void {
    deleteLanguage(this.sim.org, this.sim.clock, id);
  }
}

import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Inject,
  Param,
  Patch,
  Post,
  Put,
} from '@nestjs/common';
import { z } from 'zod';
import { schemasAt } from '../contact-center-schema';
import { parseOmittedProperties } from '../domain/omitted-properties';
import type { Outcome } from '../domain/outcome';
import { failureToHttp, icwsError } from './icws-error';
import { SERVER_CONTEXT, type ServerContext } from './server-context';

type Schemas = ReturnType<typeof schemasAt>;

/**
 * The sandbox admin API (not ICWS): changes an admin would make in Interaction Administrator, each published as
 * the ICWS messages a real server sends, and the switchover controls. Served by both servers of a pair, whichever
 * is active, because it drives the shared center.
 */
@Controller('sim')
export class SimController {
  constructor(@Inject(SERVER_CONTEXT) private readonly context: ServerContext) {}

  private parse<K extends keyof Schemas>(schema: K, body: unknown): z.infer<Schemas[K]> {
    const parsed = schemasAt(this.context.clock().toISOString())[schema].safeParse(body);
    if (!parsed.success)
      throw icwsError(HttpStatus.BAD_REQUEST, 'error.sim.invalid', z.prettifyError(parsed.error));
    return parsed.data as z.infer<Schemas[K]>;
  }

  private done(outcome: Outcome<unknown>): void {
    if (!outcome.ok) throw failureToHttp(outcome);
  }

  private get simulation() {
    return this.context.simulation;
  }

  @Get('state')
  state() {
    return {
      active: this.simulation.active,
      servers: [...this.simulation.servers.values()].map((node) => ({
        role: node.role,
        address: node.address,
        sessions: node.sessions.all().length,
      })),
      counts: {
        users: this.simulation.center.users.size,
        workgroups: this.simulation.center.workgroups.size,
        skills: this.simulation.center.skills.size,
        wrapUpCodes: this.simulation.center.wrapUpCodes.size,
        customNotificationsSent: this.simulation.customNotificationsSent,
      },
      storm: this.context.storm.progress(),
      activityPerMinute: this.context.activityPerMinute,
      userStatuses: [...this.simulation.center.userStatuses.values()],
    };
  }

  /** The whole center in fixture form (passwords included: this is a sandbox). */
  @Get('center')
  center() {
    return this.simulation.center.toData();
  }

  @Post('users')
  addUser(@Body() body: unknown): void {
    const user = this.parse('user', { password: this.context.defaultUserPassword, ...asObject(body) });
    this.done(
      this.simulation.change([{ kind: 'users', id: user.id }], () => this.simulation.center.addUser(user)),
    );
  }

  @Patch('users/:id')
  changeUser(@Param('id') id: string, @Body() body: unknown): void {
    const patch = this.parse('userPatch', body);
    this.done(
      this.simulation.change([{ kind: 'users', id }], () => this.simulation.center.changeUser(id, patch)),
    );
  }

  @Delete('users/:id')
  @HttpCode(HttpStatus.NO_CONTENT)
  removeUser(@Param('id') id: string): void {
    this.done(this.simulation.change([{ kind: 'users', id }], () => this.simulation.center.removeUser(id)));
  }

  @Post('workgroups')
  addWorkgroup(@Body() body: unknown): void {
    const workgroup = this.parse('workgroup', body);
    const targets = [
      { kind: 'workgroups' as const, id: workgroup.id },
      ...workgroup.members.map((member) => ({ kind: 'users' as const, id: member })),
    ];
    this.done(this.simulation.change(targets, () => this.simulation.center.addWorkgroup(workgroup)));
  }

  @Patch('workgroups/:id')
  changeWorkgroup(@Param('id') id: string, @Body() body: unknown): void {
    const patch = this.parse('workgroupPatch', body);
    const targets = [
      { kind: 'workgroups' as const, id },
      ...(patch.members ?? []).map((member) => ({ kind: 'users' as const, id: member })),
    ];
    this.done(this.simulation.change(targets, () => this.simulation.center.changeWorkgroup(id, patch)));
  }

  @Delete('workgroups/:id')
  @HttpCode(HttpStatus.NO_CONTENT)
  removeWorkgroup(@Param('id') id: string): void {
    this.done(
      this.simulation.change([{ kind: 'workgroups', id }], () => this.simulation.center.removeWorkgroup(id)),
    );
  }

  @Put('workgroups/:id/members/:userId')
  @HttpCode(HttpStatus.NO_CONTENT)
  addMember(@Param('id') id: string, @Param('userId') userId: string): void {
    const targets = [
      { kind: 'workgroups' as const, id },
      { kind: 'users' as const, id: userId },
    ];
    this.done(this.simulation.change(targets, () => this.simulation.center.addMember(id, userId)));
  }

  @Delete('workgroups/:id/members/:userId')
  @HttpCode(HttpStatus.NO_CONTENT)
  removeMember(@Param('id') id: string, @Param('userId') userId: string): void {
    const targets = [
      { kind: 'workgroups' as const, id },
      { kind: 'users' as const, id: userId },
    ];
    this.done(this.simulation.change(targets, () => this.simulation.center.removeMember(id, userId)));
  }

  @Post('skills')
  addSkill(@Body() body: unknown): void {
    const skill = this.parse('skill', body);
    this.done(
      this.simulation.change([{ kind: 'skills', id: skill.id }], () =>
        this.simulation.center.addSkill(skill),
      ),
    );
  }

  @Patch('skills/:id')
  changeSkill(@Param('id') id: string, @Body() body: unknown): void {
    const patch = this.parse('skillPatch', body);
    this.done(
      this.simulation.change([{ kind: 'skills', id }], () => this.simulation.center.changeSkill(id, patch)),
    );
  }

  @Delete('skills/:id')
  @HttpCode(HttpStatus.NO_CONTENT)
  removeSkill(@Param('id') id: string): void {
    this.done(this.simulation.change([{ kind: 'skills', id }], () => this.simulation.center.removeSkill(id)));
  }

  @Post('wrap-up-codes')
  addWrapUpCode(@Body() body: unknown): void {
    const code = this.parse('wrapUpCode', body);
    this.done(
      this.simulation.change([{ kind: 'wrapUpCodes', id: code.id }], () =>
        this.simulation.center.addWrapUpCode(code),
      ),
    );
  }

  @Patch('wrap-up-codes/:id')
  changeWrapUpCode(@Param('id') id: string, @Body() body: unknown): void {
    const patch = this.parse('wrapUpCodePatch', body);
    this.done(
      this.simulation.change([{ kind: 'wrapUpCodes', id }], () =>
        this.simulation.center.changeWrapUpCode(id, patch),
      ),
    );
  }

  @Delete('wrap-up-codes/:id')
  @HttpCode(HttpStatus.NO_CONTENT)
  removeWrapUpCode(@Param('id') id: string): void {
    this.done(
      this.simulation.change([{ kind: 'wrapUpCodes', id }], () =>
        this.simulation.center.removeWrapUpCode(id),
      ),
    );
  }

  @Put('user-statuses/:userId')
  @HttpCode(HttpStatus.NO_CONTENT)
  setUserStatus(@Param('userId') userId: string, @Body() body: unknown): void {
    this.done(this.simulation.setUserStatus(userId, this.parse('userStatusChange', body)));
  }

  /** Adds or replaces a status definition (IA Status Messages); subscribers hear it as added or changed. */
  @Put('status-messages/:statusId')
  @HttpCode(HttpStatus.NO_CONTENT)
  putStatusMessage(@Param('statusId') statusId: string, @Body() body: unknown): void {
    this.simulation.putStatusMessage(this.parse('statusMessage', { ...asObject(body), statusId }));
  }

  @Patch('status-messages/:statusId')
  @HttpCode(HttpStatus.NO_CONTENT)
  changeStatusMessage(@Param('statusId') statusId: string, @Body() body: unknown): void {
    const patch = this.parse('statusMessagePatch', body);
    this.done(this.simulation.changeStatusMessage(statusId, patch));
  }

  @Delete('status-messages/:statusId')
  @HttpCode(HttpStatus.NO_CONTENT)
  removeStatusMessage(@Param('statusId') statusId: string): void {
    this.done(this.simulation.removeStatusMessage(statusId));
  }

  /**
   * Leaves these properties out of every item rendered from now on (lists, items, new subscriptions' snapshots):
   * `{ "properties": ["workgroups.isActive"] }`, `[]` puts them back. A session already subscribed keeps what it
   * had until it subscribes again, as a client would after a server upgrade.
   */
  @Put('omitted-properties')
  @HttpCode(HttpStatus.NO_CONTENT)
  omitProperties(@Body() body: unknown): void {
    const properties = (asObject(body) as { properties?: unknown }).properties;
    if (!Array.isArray(properties) || properties.some((entry) => typeof entry !== 'string'))
      throw icwsError(HttpStatus.BAD_REQUEST, 'error.sim.invalid', 'properties must be an array of strings');
    const omitted = parseOmittedProperties(properties as string[]);
    this.done(omitted);
    if (omitted.ok) this.simulation.omitProperties(omitted.value);
  }

  /** The active server hands over to the other member of the pair. */
  @Post('switchover')
  @HttpCode(HttpStatus.OK)
  switchover() {
    const outcome = this.simulation.switchover();
    this.done(outcome);
    this.context.logger.warn({ active: this.simulation.active }, 'switchover');
    return { active: this.simulation.active };
  }

  @Post('primary/down')
  @HttpCode(HttpStatus.OK)
  primaryDown() {
    this.simulation.primaryDown();
    this.context.logger.warn({ active: this.simulation.active }, 'primary down');
    return { active: this.simulation.active };
  }

  @Post('primary/up')
  @HttpCode(HttpStatus.OK)
  primaryUp() {
    this.simulation.primaryUp();
    this.context.logger.warn({ active: this.simulation.active }, 'primary up');
    return { active: this.simulation.active };
  }
}

function asObject(body: unknown): object {
  return typeof body === 'object' && body !== null ? body : {};
}

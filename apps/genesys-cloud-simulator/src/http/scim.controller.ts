import {
  Body,
  Controller,
  Delete,
  Get,
  Headers,
  HttpCode,
  Inject,
  Param,
  Patch,
  Post,
  Put,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import { ScimProblem } from '../domain/api-error';
import {
  getResourceType,
  getSchema,
  listResourceTypes,
  listSchemas,
  serviceProviderConfig,
} from '../domain/scim-config';
import {
  type ScimListQuery,
  createScimUser,
  deleteScimUser,
  etagOf,
  findScimUser,
  isNotModified,
  listScimUsers,
  patchScimUser,
  projectScimUser,
  replaceScimUser,
  toScim,
} from '../domain/scim-users';
import type { SimUser } from '../domain/org-state';
import { SimContext } from '../sim-context';
import { type Query as Q, baseUrlOf, list, str } from './request-helpers';

/** SCIM v2 under /api/v2/scim/v2 (and the older /api/v2/scim, which is the same minus `v2`). */
@Controller(['api/v2/scim/v2', 'api/v2/scim'])
export class ScimController {
  constructor(@Inject(SimContext) private readonly sim: SimContext) {}

  private send(res: Response, status: number, body: unknown, user?: SimUser): void {
    if (user) res.setHeader('ETag', etagOf(user));
    res.status(status).type('application/scim+json').send(JSON.stringify(body));
  }

  @Get('users')
  list(@Query() query: Q, @Req() req: Request, @Res() res: Response): void {
    const q: ScimListQuery = {
      filter: str(query, 'filter'),
      startIndex: str(query, 'startIndex'),
      count: str(query, 'count'),
      attributes: list(query, 'attributes')?.join(','),
      excludedAttributes: list(query, 'excludedAttributes')?.join(','),
    };
    this.send(res, 200, listScimUsers(this.sim.org, q, baseUrlOf(req)));
  }

  @Post('users')
  create(@Body() body: unknown, @Req() req: Request, @Res() res: Response): void {
    const user = createScimUser(this.sim.org, this.sim.clock, body);
    res.setHeader('Location', `${baseUrlOf(req)}/api/v2/scim/v2/users/${user.id}`);
    this.send(res, 201, toScim(this.sim.org, user, baseUrlOf(req)), user);
  }

  @Get('users/:userId')
  get(
    @Param('userId') id: string,
    @Query() query: Q,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Req() req: Request,
    @Res() res: Response,
  ): void {
    const user = findScimUser(this.sim.org, id);
    if (isNotModified(user, ifNoneMatch)) {
      res.setHeader('ETag', etagOf(user));
      res.status(304).end();
      return;
    }
    const doc = projectScimUser(toScim(this.sim.org, user, baseUrlOf(req)), {
      attributes: list(query, 'attributes')?.join(','),
      excludedAttributes: list(query, 'excludedAttributes')?.join(','),
    });
    this.send(res, 200, doc, user);
  }

  @Put('users/:userId')
  replace(
    @Param('userId') id: string,
    @Body() body: unknown,
    @Headers('if-match') ifMatch: string | undefined,
    @Req() req: Request,
    @Res() res: Response,
  ): void {
    const user = replaceScimUser(this.sim.org, this.sim.clock, id, body, ifMatch);
    this.send(res, 200, toScim(this.sim.org, user, baseUrlOf(req)), user);
  }

  @Patch('users/:userId')
  patch(
    @Param('userId') id: string,
    @Body() body: unknown,
    @Headers('if-match') ifMatch: string | undefined,
    @Req() req: Request,
    @Res() res: Response,
  ): void {
    const user = patchScimUser(this.sim.org, this.sim.clock, id, body, baseUrlOf(req), ifMatch);
    this.send(res, 200, toScim(this.sim.org, user, baseUrlOf(req)), user);
  }

  @Delete('users/:userId')
  @HttpCode(204)
  remove(@Param('userId') id: string, @Headers('if-match') ifMatch: string | undefined): void {
    deleteScimUser(this.sim.org, this.sim.clock, id, ifMatch);
  }

  /** Groups are not simulated; `filter` is required here, as the reference says. */
  @Get('groups')
  groups(@Query() query: Q, @Res() res: Response): void {
    if (!str(query, 'filter')) throw new ScimProblem(400, 'invalidFilter', 'filter is required');
    this.send(res, 200, {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'],
      totalResults: 0,
      startIndex: 1,
      itemsPerPage: 0,
      Resources: [],
    });
  }

  @Get('serviceproviderconfig')
  serviceProviderConfig(@Req() req: Request, @Res() res: Response): void {
    this.send(res, 200, serviceProviderConfig(baseUrlOf(req)));
  }

  @Get('resourcetypes')
  resourceTypes(@Req() req: Request, @Res() res: Response): void {
    this.send(res, 200, listResourceTypes(baseUrlOf(req)));
  }

  @Get('resourcetypes/:resourceType')
  resourceType(@Param('resourceType') id: string, @Req() req: Request, @Res() res: Response): void {
    this.send(res, 200, getResourceType(baseUrlOf(req), id));
  }

  @Get('schemas')
  schemas(@Query() query: Q, @Req() req: Request, @Res() res: Response): void {
    this.send(res, 200, listSchemas(baseUrlOf(req), str(query, 'filter')));
  }

  @Get('schemas/:schemaId')
  schema(@Param('schemaId') id: string, @Req() req: Request, @Res() res: Response): void {
    this.send(res, 200, getSchema(baseUrlOf(req), id));
  }
}

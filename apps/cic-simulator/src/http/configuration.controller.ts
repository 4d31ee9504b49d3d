import { Controller, Get, HttpStatus, Inject, Param, Query, Req, Res, UseGuards } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { JsonObject } from '../domain/json';
import { project, parseSelect, selectsProperties } from '../domain/projection';
import { matchesAll, pageOf, parseRange, parseWhere, type Page } from '../domain/query';
import { configIds, renderConfigIdOnly } from '../domain/render';
import { ICWS, kindFromSegment, type ConfigKind } from '../icws-names';
import { ActiveServerGuard, SessionGuard } from './guards';
import { failureToHttp, icwsError } from './icws-error';
import { SERVER_CONTEXT, type ServerContext } from './server-context';

/** Configuration reads: lists with select, where and Range, and single items (reference §3.2). */
@Controller('icws/:sessionId/configuration')
@UseGuards(ActiveServerGuard, SessionGuard)
export class ConfigurationController {
  constructor(@Inject(SERVER_CONTEXT) private readonly context: ServerContext) {}

  @Get(':objectType')
  list(
    @Param('objectType') objectType: string,
    @Query('select') select: string | undefined,
    @Query('where') where: string | undefined,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    const kind = this.kind(objectType);
    const selection = parseSelect(select);
    const conditions = parseWhere(where);
    if (!conditions.ok) throw failureToHttp(conditions);
    const range = parseRange(request.header(ICWS.headers.range));
    if (!range.ok) throw failureToHttp(range);
    const { simulation } = this.context;
    const { center } = simulation;
    const capped = selectsProperties(selection);
    // Without a filter, page the ids first and render only the page: a 10,000-user center stays fast to page.
    const page =
      conditions.value.length === 0
        ? mapPage(pageOf(configIds(center, kind), range.value, capped), (id) =>
            capped ? simulation.renderItem(kind, id) : renderConfigIdOnly(center, kind, id),
          )
        : pageOf(
            configIds(center, kind)
              .map((id) => simulation.renderItem(kind, id))
              .filter(
                (object): object is JsonObject =>
                  object !== undefined && matchesAll(object, conditions.value),
              ),
            range.value,
            capped,
          );
    if (page.contentRange) response.setHeader(ICWS.headers.contentRange, page.contentRange);
    return { items: page.items.map((object) => project(object, selection)) };
  }

  @Get(':objectType/:id')
  item(
    @Param('objectType') objectType: string,
    @Param('id') id: string,
    @Query('select') select: string | undefined,
  ) {
    const kind = this.kind(objectType);
    const object = this.context.simulation.renderItem(kind, id);
    if (!object) throw icwsError(HttpStatus.NOT_FOUND, 'error.request.notFound', `no ${objectType} ${id}`);
    return project(object, parseSelect(select));
  }

  private kind(objectType: string): ConfigKind {
    const kind = kindFromSegment(objectType);
    if (!kind)
      throw icwsError(HttpStatus.NOT_FOUND, 'error.request.notFound', `no configuration type ${objectType}`);
    return kind;
  }
}

function mapPage(page: Page<string>, render: (id: string) => JsonObject | undefined): Page<JsonObject> {
  return {
    ...page,
    items: page.items.map(render).filter((object): object is JsonObject => object !== undefined),
  };
}

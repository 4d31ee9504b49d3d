import { Controller, Get, HttpStatus, Inject, Param, Query, Req, Res, UseGuards } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { JsonObject } from '../domain/json';
import { project, parseSelect, selectsProperties } from '../domain/projection';
import { matchesAll, pageOf, parseRange, parseWhere } from '../domain/query';
import { configIds, renderConfigIdOnly, renderConfigItem } from '../domain/render';
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
    const { center } = this.context.simulation;
    // Ids alone need no rendering; a filter or a selection needs the whole object.
    const matching: JsonObject[] =
      conditions.value.length === 0 && !selectsProperties(selection)
        ? configIds(center, kind).map((id) => renderConfigIdOnly(center, kind, id))
        : configIds(center, kind)
            .map((id) => renderConfigItem(center, kind, id))
            .filter(
              (object): object is JsonObject => object !== undefined && matchesAll(object, conditions.value),
            );
    const page = pageOf(matching, range.value, selectsProperties(selection));
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
    const object = renderConfigItem(this.context.simulation.center, kind, id);
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

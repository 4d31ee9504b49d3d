import { Controller, Get, Header, Inject, Param, Query, Req } from '@nestjs/common';
import { ConsoleReads, requiredKind } from '../console-reads';
import { activityView } from '../views/activity.view';
import { actionsView } from '../views/actions.view';
import { healthView } from '../views/health.view';
import type { Html } from '../views/html';
import { fragment, layout, type PageOptions } from '../views/layout';
import { planView } from '../views/plan.view';
import { recordView } from '../views/record.view';
import { recordsView } from '../views/records.view';
import { settingsView } from '../views/settings.view';
import { statusView } from '../views/status.view';
import { read } from './api.controller';
import { operatorOf, type ConsoleRequest } from './console-request';
import { SignedIn } from './session.guard';

/**
 * The web UI: server-rendered pages over the same reads as the JSON API. A request with `X-Console-Fragment`
 * (the script's live redraw) gets the main part alone.
 */
@Controller()
@SignedIn()
export class PagesController {
  constructor(@Inject(ConsoleReads) private readonly reads: ConsoleReads) {}

  private page(request: ConsoleRequest, options: Omit<PageOptions, 'operator'>, main: Html): string {
    return request.headers['x-console-fragment']
      ? fragment(options.title, main).value
      : layout({ ...options, operator: operatorOf(request) }, main).value;
  }

  @Get()
  @Header('Content-Type', 'text/html; charset=utf-8')
  async health(@Req() request: ConsoleRequest) {
    const { lastErrors, ...snapshot } = await this.reads.health();
    return this.page(
      request,
      { title: 'Health', current: '/', live: ['health'] },
      healthView(snapshot, lastErrors),
    );
  }

  @Get('status')
  @Header('Content-Type', 'text/html; charset=utf-8')
  status(@Req() request: ConsoleRequest) {
    return this.page(
      request,
      { title: 'Configuration status', current: '/status', live: ['status'] },
      statusView(this.reads.counts()),
    );
  }

  @Get('records')
  @Header('Content-Type', 'text/html; charset=utf-8')
  records(@Req() request: ConsoleRequest, @Query() params: Record<string, unknown>) {
    return read(() => {
      const query = this.reads.recordQuery(params);
      return this.page(
        request,
        { title: 'Records', current: '/records' },
        recordsView(query, this.reads.records(query)),
      );
    });
  }

  @Get('records/:kind/:cicId')
  @Header('Content-Type', 'text/html; charset=utf-8')
  record(@Req() request: ConsoleRequest, @Param('kind') kind: string, @Param('cicId') cicId: string) {
    return read(async () => {
      const { record, cicSource, delivery, timeline } = await this.reads.record(
        requiredKind(kind),
        cicId,
        operatorOf(request).name,
      );
      return this.page(
        request,
        { title: `${kind} ${cicId}`, current: '/records' },
        recordView(record, cicSource, delivery, timeline),
      );
    });
  }

  @Get('activity')
  @Header('Content-Type', 'text/html; charset=utf-8')
  activity(@Req() request: ConsoleRequest, @Query() params: Record<string, unknown>) {
    return read(async () => {
      const filter = this.reads.activityFilter(params);
      const live = filter.before === undefined ? ['activity'] : [];
      return this.page(
        request,
        { title: 'Activity', current: '/activity', live },
        activityView(filter, await this.reads.activity(filter)),
      );
    });
  }

  @Get('actions')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async actions(@Req() request: ConsoleRequest) {
    const state = await this.reads.actions(operatorOf(request).name);
    return this.page(
      request,
      { title: 'Operator actions', current: '/actions', live: ['health'] },
      actionsView(state),
    );
  }

  @Get('actions/plan')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async plan(@Req() request: ConsoleRequest) {
    const answer = await this.reads.plan(operatorOf(request).name);
    return this.page(request, { title: 'Dry-run plan', current: '/actions' }, planView(answer));
  }

  @Get('settings')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async settings(@Req() request: ConsoleRequest) {
    return this.page(
      request,
      { title: 'Configuration', current: '/settings' },
      settingsView(await this.reads.settings()),
    );
  }
}

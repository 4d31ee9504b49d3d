import {
  activityFilterOf,
  timelineOf,
  type ActivityFilter,
  type RecordQuery,
} from '@bridge/console-projection';
import { recordStatuses, type RecordStatus } from '@bridge/console-projection';
import {
  OperatorDeletionsPreview,
  OperatorPlanDryRun,
  OperatorQuarantineList,
  OperatorRecordRead,
  targetKinds,
  type TargetKind,
} from '@bridge/contracts';
import { Inject, Injectable } from '@nestjs/common';
import { CONSOLE_CONFIG, type ConsoleConfig } from './config';
import { OperatorClient } from './operator/operator-client';
import { StatusPoller } from './operator/status-poller';
import { CicEventLog } from './persistence/cic-event-log';
import { ActivityLog } from './persistence/activity-log';
import { RecordHistory } from './persistence/record-history';
import { ProjectionFeed } from './projection/projection-feed';
import type { SettingRow } from './views/settings.view';

/** A query parameter the console refuses, named; the HTTP layer answers 400 with it. */
export class BadQuery extends Error {
  override readonly name = 'BadQuery';
}

const RECORD_PAGE = 50;
const QUERY_TEXT_LIMIT = 200;

const textParam = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;

/** A record kind from a path or query (undefined when absent), or a BadQuery naming the parameter. */
export function kindParam(value: unknown, name = 'kind'): TargetKind | undefined {
  const kind = textParam(value);
  if (kind === undefined) return undefined;
  if (!(kind in targetKinds))
    throw new BadQuery(`${name} must be one of ${Object.keys(targetKinds).join(', ')}`);
  return kind as TargetKind;
}

/** A record kind that must be given. */
export function requiredKind(value: unknown): TargetKind {
  const kind = kindParam(value);
  if (kind === undefined) throw new BadQuery('kind is required');
  return kind;
}

/**
 * What every page and its JSON twin read, in one place: the HTML controller renders it and the API controller
 * returns it, so the two cannot disagree.
 */
@Injectable()
export class ConsoleReads {
  constructor(
    @Inject(ProjectionFeed) private readonly feed: ProjectionFeed,
    @Inject(StatusPoller) private readonly status: StatusPoller,
    @Inject(OperatorClient) private readonly client: OperatorClient,
    @Inject(ActivityLog) private readonly activityLog: ActivityLog,
    @Inject(RecordHistory) private readonly history: RecordHistory,
    @Inject(CicEventLog) private readonly cicLog: CicEventLog,
    @Inject(CONSOLE_CONFIG) private readonly config: ConsoleConfig,
  ) {}

  async health() {
    const [snapshot, errors] = await Promise.all([
      this.status.health(),
      this.activityLog.page({ source: 'bridge', text: 'error', limit: 10 }),
    ]);
    return { ...snapshot, lastErrors: errors };
  }

  counts() {
    return this.feed.projection.counts();
  }

  recordQuery(params: Readonly<Record<string, unknown>>): RecordQuery {
    const q = textParam(params['q']);
    if (q !== undefined && q.length > QUERY_TEXT_LIMIT)
      throw new BadQuery(`q is longer than ${QUERY_TEXT_LIMIT} characters`);
    const status = textParam(params['status']);
    if (status !== undefined && !(recordStatuses as readonly string[]).includes(status))
      throw new BadQuery(`status must be one of ${recordStatuses.join(', ')}`);
    const offset = Number(textParam(params['offset']) ?? 0);
    if (!Number.isInteger(offset) || offset < 0) throw new BadQuery('offset must be a whole number');
    const kind = kindParam(params['kind']);
    return {
      limit: RECORD_PAGE,
      offset,
      ...(q ? { q } : {}),
      ...(kind ? { kind } : {}),
      ...(status ? { status: status as RecordStatus } : {}),
    };
  }

  records(query: RecordQuery) {
    return this.feed.projection.search(query);
  }

  /**
   * A record's view, its CIC source (the newest CIC event's data), what delivery holds of it (what Genesys held at
   * the last read or write) and its whole history.
   */
  async record(kind: TargetKind, key: string, operator: string) {
    if (key.length > 256) throw new BadQuery('the CIC id is longer than 256 characters');
    const [cic, bridge, delivery] = await Promise.all([
      this.cicLog.of(kind, key),
      this.history.of(kind, key),
      this.client.send(OperatorRecordRead, { operator, kind, cicId: key }),
    ]);
    return {
      record: this.feed.projection.get(kind, key),
      cicSource: cic.latest,
      delivery,
      timeline: timelineOf(cic.entries, bridge),
    };
  }

  activityFilter(params: Readonly<Record<string, unknown>>): ActivityFilter {
    const parsed = activityFilterOf(params);
    if (!parsed.ok) throw new BadQuery(parsed.problem);
    return parsed.filter;
  }

  activity(filter: ActivityFilter) {
    return this.activityLog.page(filter);
  }

  async actions(operator: string) {
    // The sync state comes from the poller's newest status: asking every instance again would wait out the
    // collection window on every page view.
    const [deletions, quarantine, health] = await Promise.all([
      this.client.send(OperatorDeletionsPreview, { operator }),
      this.client.send(OperatorQuarantineList, { operator }),
      this.status.health(),
    ]);
    return { sync: health.delivery[0]?.sync, deletions, quarantine, reprovision: this.feed.reprovision() };
  }

  plan(operator: string) {
    return this.client.send(OperatorPlanDryRun, { operator });
  }

  /** Each service's effective settings (secrets never shown), the console's own first. */
  async settings(): Promise<{ service: string; settings: readonly SettingRow[] }[]> {
    const health = await this.status.health();
    return [
      { service: 'console', settings: this.config.settings },
      ...[health.ingestion[0], health.mapping[0], health.delivery[0], health.upload[0]].flatMap((answer) =>
        answer?.settings ? [{ service: answer.process.service, settings: answer.settings }] : [],
      ),
    ];
  }
}

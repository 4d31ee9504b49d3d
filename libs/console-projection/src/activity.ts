import { targetKinds, type TargetKind } from '@bridge/contracts';
import { statusOf, type RecordView } from './record-view';

/** Who did it: the bridge itself (a record's status changed), or a signed-in operator. */
export type ActivitySource = 'bridge' | 'operator';

/** One line of the Activity page. */
export interface ActivityEntry {
  readonly at: string;
  readonly source: ActivitySource;
  /** The operator's name, or the service that acted. */
  readonly actor: string;
  /** What happened, a short verb phrase: `user synced`, `deletions confirmed`, `sign-in refused`. */
  readonly action: string;
  readonly kind?: TargetKind;
  readonly key?: string;
  readonly detail: string;
}

/**
 * The activity line of a delivery outcome, or none when the record's status did not change (a re-sync of an
 * unchanged record is not news).
 */
export function activityOfOutcome(
  before: RecordView | undefined,
  after: RecordView,
  at: string,
): ActivityEntry | undefined {
  const status = statusOf(after);
  const previous = before ? statusOf(before) : undefined;
  if (previous === status && before?.outcome?.genesysId === after.outcome?.genesysId) return undefined;
  const outcome = after.outcome;
  const why = outcome?.error
    ? `${outcome.error.code}: ${outcome.error.message}`
    : (outcome?.reason ?? outcome?.note ?? '');
  return {
    at,
    source: 'bridge',
    actor: 'genesys-delivery',
    action: `${after.kind} ${status}`,
    kind: after.kind,
    key: after.key,
    detail: [previous ? `was ${previous}` : 'first outcome', why].filter(Boolean).join('; '),
  };
}

export interface ActivityFilter {
  readonly source?: ActivitySource;
  readonly kind?: TargetKind;
  /** Part of the actor, action, CIC id or detail, case ignored. */
  readonly text?: string;
  /** Entries strictly older than this one's time, for paging backwards through the log. */
  readonly before?: string;
  readonly limit: number;
}

export const ACTIVITY_PAGE_LIMIT = 200;

/** The filter an /api/activity query asks for, or what is wrong with it (naming the parameter). */
export function activityFilterOf(
  params: Readonly<Record<string, unknown>>,
): { ok: true; filter: ActivityFilter } | { ok: false; problem: string } {
  const text = (name: string) => {
    const value = params[name];
    return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
  };
  const source = text('source');
  if (source !== undefined && source !== 'bridge' && source !== 'operator')
    return { ok: false, problem: 'source must be bridge or operator' };
  const kind = text('kind');
  if (kind !== undefined && !(kind in targetKinds))
    return { ok: false, problem: `kind must be one of ${Object.keys(targetKinds).join(', ')}` };
  const before = text('before');
  if (before !== undefined && Number.isNaN(Date.parse(before)))
    return { ok: false, problem: 'before must be an ISO date-time' };
  const limitText = text('limit') ?? '50';
  const limit = Number(limitText);
  if (!Number.isInteger(limit) || limit < 1 || limit > ACTIVITY_PAGE_LIMIT)
    return { ok: false, problem: `limit must be an integer from 1 to ${ACTIVITY_PAGE_LIMIT}` };
  const search = text('q');
  if (search !== undefined && search.length > 200)
    return { ok: false, problem: 'q is longer than 200 characters' };
  return {
    ok: true,
    filter: {
      limit,
      ...(source ? { source } : {}),
      ...(kind ? { kind: kind as TargetKind } : {}),
      ...(before ? { before: new Date(before).toISOString() } : {}),
      ...(search ? { text: search } : {}),
    },
  };
}

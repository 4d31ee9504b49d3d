import { deliveryAttemptSchema, type DeliveryAttempt } from '@bridge/contracts';

/** Where a step of a record's history comes from: CIC (the event store), object-mapping or genesys-delivery. */
export type TimelineSource = 'cic' | 'mapping' | 'delivery';

/** One step of a record's history. */
export interface TimelineEntry {
  readonly at: string;
  readonly source: TimelineSource;
  /** The event type (`CicUserChanged`, `MappingUserDesired`, `DeliveryRecordOutcome` …). */
  readonly type: string;
  /** One line for the timeline; `data` holds the whole event. */
  readonly summary: string;
  readonly data: unknown;
  /** A delivery outcome's attempt: the requests it made of Genesys Cloud and their answers. */
  readonly attempt?: DeliveryAttempt;
}

/** Causes before effects when two steps share a millisecond: CIC's event, then mapping's, then delivery's. */
const order: Record<TimelineSource, number> = { cic: 0, mapping: 1, delivery: 2 };

/** A record's history, oldest first: the CIC events of its source object and what the bridge did with them. */
export function timelineOf(...parts: readonly (readonly TimelineEntry[])[]): TimelineEntry[] {
  return parts
    .flat()
    .sort((a, b) => (a.at === b.at ? order[a.source] - order[b.source] : a.at < b.at ? -1 : 1));
}

/** The summary line of a delivery outcome or a mapping decision's data. */
export function summaryOf(data: unknown): string {
  if (typeof data !== 'object' || data === null) return '';
  const fields = data as Record<string, unknown>;
  const parts: string[] = [];
  for (const name of ['state', 'status', 'reason', 'genesysId', 'note'])
    if (typeof fields[name] === 'string') parts.push(`${name} ${String(fields[name])}`);
  const attempt = attemptOf(data);
  if (attempt) parts.push(`attempt ${attempt.number}: ${attempt.calls.length} request(s)`);
  const error = fields['error'];
  if (typeof error === 'object' && error !== null) {
    const { code, message } = error as Record<string, unknown>;
    parts.push(`error ${String(code)}: ${String(message)}`);
  }
  return parts.join(', ');
}

/** The attempt a delivery outcome carries, when it carries a valid one. */
export function attemptOf(data: unknown): DeliveryAttempt | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const parsed = deliveryAttemptSchema.safeParse((data as Record<string, unknown>)['attempt']);
  return parsed.success ? parsed.data : undefined;
}

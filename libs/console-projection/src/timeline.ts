import {
  deliveryAttemptSchema,
  driftSchema,
  type DeliveryAttempt,
  type DriftOfRecord,
} from '@bridge/contracts';

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
  const drift = driftOf(data);
  // An outcome with an error carries drift the audit reported instead of repairing (it keeps coming back).
  if (drift.length > 0)
    parts.push(
      `${fields['error'] === undefined ? 'repaired drift' : 'drift'}: ${drift.map(driftLine).join('; ')}`,
    );
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

/** The drift a delivery outcome carries; entries that do not parse are left out. */
function driftOf(data: object): DriftOfRecord[] {
  const drift = (data as Record<string, unknown>)['drift'];
  if (!Array.isArray(drift)) return [];
  return drift.flatMap((item: unknown) => {
    const parsed = driftSchema.safeParse(item);
    return parsed.success ? [parsed.data] : [];
  });
}

/** One drifted field: what Genesys Cloud held and what the bridge wanted (absent: there was none). */
function driftLine({ field, genesysValue, desiredValue }: DriftOfRecord): string {
  const value = (text: string | undefined) => (text === undefined ? 'none' : `'${text}'`);
  return `${field} ${value(genesysValue)} in Genesys, ${value(desiredValue)} wanted`;
}

import type { TargetKind } from '@bridge/contracts';
import {
  recordStatuses,
  statusOf,
  withDecision,
  withOutcome,
  withQuarantine,
  type DesiredDecision,
  type RecordOutcome,
  type RecordStatus,
  type RecordView,
} from './record-view';

/** Counts of records by kind and status: the Configuration Status page. */
export type StatusCounts = Readonly<Record<TargetKind, Readonly<Record<RecordStatus, number>>>>;

const idOf = (kind: TargetKind, key: string) => `${kind}\u0000${key}`;

/** What a search matches on, lower-cased once per record change rather than once per search. */
function searchTextOf(record: RecordView): string {
  return [record.key, record.name, record.email, record.genesysId]
    .filter((part): part is string => part !== undefined)
    .join('\u0000')
    .toLowerCase();
}

export interface RecordQuery {
  /** Part of a CIC id, name, email or Genesys id, case ignored; empty matches every record. */
  readonly q?: string;
  readonly kind?: TargetKind;
  readonly status?: RecordStatus;
  readonly offset?: number;
  readonly limit: number;
}

export interface RecordPage {
  readonly total: number;
  readonly records: readonly (RecordView & { readonly status: RecordStatus })[];
}

/**
 * The console's read model of every record: object-mapping's newest decision and delivery's newest outcome per
 * record, folded in as they arrive. It holds no I/O: the app feeds it from the MAPPING and DELIVERY streams (which
 * keep the newest message per record, so replaying them rebuilds it) and asks it questions.
 */
export class RecordProjection {
  private readonly records = new Map<string, RecordView>();
  private readonly searchText = new Map<string, string>();

  decided(kind: TargetKind, key: string, desired: DesiredDecision, at: string): RecordView {
    return this.put(withDecision(this.records.get(idOf(kind, key)), kind, key, desired, at));
  }

  delivered(outcome: RecordOutcome, at: string): { before?: RecordView; after: RecordView } {
    const before = this.records.get(idOf(outcome.kind, outcome.key));
    const after = this.put(withOutcome(before, outcome, at));
    return before ? { before, after } : { after };
  }

  /** Marks exactly the listed records quarantined (delivery's quarantine list), and no others. */
  quarantine(listed: readonly { readonly kind: TargetKind; readonly key: string }[]): void {
    const ids = new Set(listed.map(({ kind, key }) => idOf(kind, key)));
    for (const [id, record] of this.records) {
      const next = withQuarantine(record, ids.has(id));
      if (next !== record) this.put(next);
    }
  }

  get(kind: TargetKind, key: string): RecordView | undefined {
    return this.records.get(idOf(kind, key));
  }

  get size(): number {
    return this.records.size;
  }

  counts(): StatusCounts {
    const counts = {} as Record<TargetKind, Record<RecordStatus, number>>;
    const row = (kind: TargetKind) =>
      (counts[kind] ??= Object.fromEntries(recordStatuses.map((s) => [s, 0])) as Record<
        RecordStatus,
        number
      >);
    for (const record of this.records.values()) row(record.kind)[statusOf(record)] += 1;
    return counts;
  }

  /** Matching records ordered by kind then CIC id, so pages are stable while the projection changes. */
  search(query: RecordQuery): RecordPage {
    const needle = query.q?.trim().toLowerCase() ?? '';
    const matched: (RecordView & { status: RecordStatus })[] = [];
    for (const [id, record] of this.records) {
      if (query.kind && record.kind !== query.kind) continue;
      if (needle && !this.searchText.get(id)?.includes(needle)) continue;
      const status = statusOf(record);
      if (query.status && status !== query.status) continue;
      matched.push({ ...record, status });
    }
    matched.sort((a, b) => (a.kind === b.kind ? compare(a.key, b.key) : compare(a.kind, b.kind)));
    const offset = query.offset ?? 0;
    return { total: matched.length, records: matched.slice(offset, offset + query.limit) };
  }

  clear(): void {
    this.records.clear();
    this.searchText.clear();
  }

  private put(record: RecordView): RecordView {
    const id = idOf(record.kind, record.key);
    this.records.set(id, record);
    this.searchText.set(id, searchTextOf(record));
    return record;
  }
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

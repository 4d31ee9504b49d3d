import type { DeliveryRecordOutcome, EventData, NotSyncedReason, TargetKind } from '@bridge/contracts';

/** What object-mapping last decided for a record: its desired document, or why it has none. */
export type DesiredDecision =
  | { readonly state: 'present'; readonly document: Readonly<Record<string, unknown>> }
  | { readonly state: 'absent'; readonly reason: NotSyncedReason };

export type RecordOutcome = EventData<typeof DeliveryRecordOutcome>;

/**
 * A record's status as the console shows it. Delivery's three (synced, error, notSynced) are split further:
 * `pending` while the newest decision has no outcome yet, `quarantined` when delivery gave up retrying, and
 * `deleted` for a record removed from CIC whose removal reached Genesys Cloud.
 */
export const recordStatuses = ['synced', 'pending', 'notSynced', 'error', 'quarantined', 'deleted'] as const;
export type RecordStatus = (typeof recordStatuses)[number];

/** One record of the console's projection: one Genesys Cloud object kind and the CIC id it comes from. */
export interface RecordView {
  readonly kind: TargetKind;
  readonly key: string;
  /** The display name (or object name) of the newest present document. */
  readonly name?: string;
  /** A user's business email (its Genesys user name). */
  readonly email?: string;
  readonly genesysId?: string;
  readonly desired?: DesiredDecision;
  /** When object-mapping published the decision (its envelope's occurredAt). */
  readonly decidedAt?: string;
  readonly outcome?: RecordOutcome;
  /** When delivery published the outcome. */
  readonly outcomeAt?: string;
  readonly quarantined: boolean;
}

/** The record's status (see RecordStatus). */
export function statusOf(record: RecordView): RecordStatus {
  const { outcome } = record;
  if (record.quarantined) return 'quarantined';
  if (!outcome) return 'pending';
  if (record.decidedAt && record.outcomeAt && record.decidedAt > record.outcomeAt) return 'pending';
  switch (outcome.status) {
    case 'synced':
      return 'synced';
    case 'error':
      return 'error';
    case 'notSynced':
      return outcome.reason === 'removedFromCic' ? 'deleted' : 'notSynced';
  }
}

function namesOf(kind: TargetKind, desired: DesiredDecision): { name?: string; email?: string } {
  if (desired.state === 'absent') return {};
  const text = (field: string) => {
    const value = desired.document[field];
    return typeof value === 'string' ? value : undefined;
  };
  const name = kind === 'user' ? text('displayName') : text('name');
  const email = kind === 'user' ? text('userName') : undefined;
  return { ...(name ? { name } : {}), ...(email ? { email } : {}) };
}

/** The record after object-mapping decided again; names stay those of the last present document. */
export function withDecision(
  record: RecordView | undefined,
  kind: TargetKind,
  key: string,
  desired: DesiredDecision,
  decidedAt: string,
): RecordView {
  return {
    ...(record ?? { kind, key, quarantined: false }),
    ...namesOf(kind, desired),
    desired,
    decidedAt,
  };
}

/** The record after delivery published an outcome for it. */
export function withOutcome(record: RecordView | undefined, outcome: RecordOutcome, at: string): RecordView {
  const base = record ?? { kind: outcome.kind, key: outcome.key, quarantined: false };
  return {
    ...base,
    ...(outcome.genesysId ? { genesysId: outcome.genesysId } : {}),
    outcome,
    outcomeAt: at,
    // Only a failing record stays in quarantine: any other outcome means delivery tried it again and got further.
    quarantined: base.quarantined && outcome.status === 'error',
  };
}

/**
 * The record as delivery's quarantine list has it. Delivery publishes no outcome when a failing record is
 * quarantined after an earlier error (its status stays `error`), so the list is the source of this flag.
 */
export function withQuarantine(record: RecordView, quarantined: boolean): RecordView {
  return record.quarantined === quarantined ? record : { ...record, quarantined };
}

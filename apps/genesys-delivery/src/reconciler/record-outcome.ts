import {
  DeliveryRecordOutcome,
  type DeliveryAttempt,
  type DriftOfRecord,
  type Envelope,
  type EventData,
  type TargetKind,
} from '@bridge/contracts';
import type { RecordStatus } from '@bridge/delivery-planning';
import { randomUUID } from 'node:crypto';

/**
 * The outcome event of one record: its status, when it last reached Genesys, the drift its attempt repaired, and
 * the attempt's requests and answers. The workers publish one per record whose status changed, that was
 * synchronized or whose attempt failed; the drift audit one per object it reports instead of repairing.
 */
export function recordOutcome(
  kind: TargetKind,
  key: string,
  status: RecordStatus,
  lastSynchronizedAt: Date | undefined,
  drift: readonly DriftOfRecord[] | undefined,
  attempt?: DeliveryAttempt,
): Envelope<EventData<typeof DeliveryRecordOutcome>> {
  const synchronizedAt = status.synchronizedAt ?? lastSynchronizedAt;
  const data: EventData<typeof DeliveryRecordOutcome> = {
    kind,
    key,
    status: status.status,
    ...(status.genesysId ? { genesysId: status.genesysId } : {}),
    ...(synchronizedAt ? { lastSynchronizedAt: synchronizedAt.toISOString() } : {}),
    ...(status.reason ? { reason: status.reason } : {}),
    ...(status.note ? { note: status.note } : {}),
    ...(status.error ? { error: status.error } : {}),
    ...(drift && drift.length > 0 ? { drift: [...drift] } : {}),
    ...(attempt ? { attempt } : {}),
  };
  const id = randomUUID();
  return {
    id,
    type: DeliveryRecordOutcome.type,
    schemaVersion: DeliveryRecordOutcome.schemaVersion,
    occurredAt: new Date().toISOString(),
    source: 'genesys-delivery',
    correlationId: id,
    data,
  };
}

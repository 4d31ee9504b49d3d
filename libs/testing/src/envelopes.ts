import { CicUserRemoved, type Envelope } from '@bridge/contracts';
import { randomUUID } from 'node:crypto';

/** A valid event for transport tests: a CIC user removed, whose id the consumer under test can record. */
export const userRemoved = (id: string): Envelope => ({
  id: randomUUID(),
  type: CicUserRemoved.type,
  schemaVersion: 1,
  occurredAt: new Date().toISOString(),
  source: 'test',
  correlationId: randomUUID(),
  data: { id },
});

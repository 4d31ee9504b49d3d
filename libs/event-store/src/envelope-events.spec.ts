import type { Envelope } from '@bridge/contracts';
import { envelopeToNewEvent, storedEventToEnvelope } from './envelope-events';
import type { StoredEvent } from './event-store';

const envelope: Envelope = {
  id: '0b6f3c3e-6a7e-4d59-9c1e-2f1d6f3e9a11',
  type: 'CicUserRemoved',
  schemaVersion: 1,
  occurredAt: '2026-11-24T10:00:00.000Z',
  source: 'cic-ingestion',
  correlationId: 'c-1',
  causationId: 'snapshot-7',
  data: { id: 'John.Smith' },
};

describe('envelope ↔ stored event', () => {
  it('stores an envelope and gives the same envelope back', () => {
    const stored: StoredEvent = {
      ...envelopeToNewEvent(envelope),
      metadata: { ...envelopeToNewEvent(envelope).metadata, trace: { traceparent: 'x' } },
      position: 7,
      streamId: 'cic-user:John.Smith',
      streamVersion: 3,
      recordedAt: new Date('2026-11-24T10:00:01Z'),
    };
    expect(storedEventToEnvelope(stored)).toEqual(envelope);
  });

  it('fills what an event stored without envelope metadata lacks from the event itself', () => {
    const stored: StoredEvent = {
      id: envelope.id,
      type: 'CicUserRemoved',
      data: { id: 'x' },
      metadata: {},
      position: 1,
      streamId: 's',
      streamVersion: 1,
      recordedAt: new Date('2026-11-24T10:00:01Z'),
    };
    expect(storedEventToEnvelope(stored)).toEqual({
      id: envelope.id,
      type: 'CicUserRemoved',
      schemaVersion: 1,
      occurredAt: '2026-11-24T10:00:01.000Z',
      source: 'unknown',
      correlationId: envelope.id,
      data: { id: 'x' },
    });
  });

  it('gives an event stored under a former type back under its current type', () => {
    const stored: StoredEvent = {
      ...envelopeToNewEvent({ ...envelope, type: 'DesiredUserChanged' }),
      metadata: {},
      position: 1,
      streamId: 's',
      streamVersion: 1,
      recordedAt: new Date('2026-11-24T10:00:01Z'),
    };
    expect(storedEventToEnvelope(stored).type).toBe('MappingUserDesired');
  });
});

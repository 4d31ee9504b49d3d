import { randomUUID } from 'node:crypto';
import {
  CicUserChanged,
  DeliveryRecordOutcome,
  decodeEvent,
  eventDefinitions,
  InvalidMessageError,
  MappingUserDesired,
  streams,
  subjectFilterOf,
  subjectOf,
} from './index';

/** NATS wildcard matching: `*` one token, `>` one or more trailing tokens. */
function matches(filter: string, subject: string): boolean {
  const f = filter.split('.');
  const s = subject.split('.');
  for (let i = 0; i < f.length; i++) {
    if (f[i] === '>') return s.length > i;
    if (f[i] !== '*' && f[i] !== s[i]) return false;
  }
  return f.length === s.length;
}

const envelope = (type: string, data: unknown) => ({
  id: randomUUID(),
  type,
  schemaVersion: 1,
  occurredAt: '2026-11-24T10:00:00.000Z',
  source: 'cic-ingestion',
  correlationId: randomUUID(),
  data,
});

describe('contracts conformance', () => {
  it.each(eventDefinitions.map((d) => [d.type, d]))('%s is spelled <producer>.<entity>.<event>', (_, d) => {
    expect(d.subject).toMatch(/^[a-z]+\.[a-z-]+\.[a-z-]+$/);
    expect(d.type).toMatch(/^[A-Z][A-Za-z]+$/);
  });

  it.each(eventDefinitions.map((d) => [d.type, d]))('%s is the PascalCase of its subject', (_, d) => {
    const pascal = d.subject
      .split(/[.-]/)
      .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
      .join('');
    expect(d.type).toBe(pascal);
  });

  it('never reuses a type, current or former, for two events', () => {
    const names = eventDefinitions.flatMap((d) => [d.type, ...(d.formerTypes ?? [])]);
    expect(new Set(names).size).toBe(names.length);
  });

  it.each(eventDefinitions.map((d) => [d.type, d]))('%s is covered by exactly its own stream', (_, d) => {
    const covering = streams.filter((s) => s.subjects.some((filter) => matches(filter, `${d.subject}.key`)));
    expect(covering.map((s) => s.name)).toEqual([d.stream]);
  });

  it('has unique event types and unique subjects', () => {
    expect(new Set(eventDefinitions.map((d) => d.type)).size).toBe(eventDefinitions.length);
    expect(new Set(eventDefinitions.map((d) => d.subject)).size).toBe(eventDefinitions.length);
  });

  it.each(streams.map((s) => [s.name]))('subjectFilterOf(%s) takes its own events and no others', (name) => {
    const taken = eventDefinitions.filter((d) => matches(subjectFilterOf(name), `${d.subject}.key`));
    expect(taken).toEqual(eventDefinitions.filter((d) => d.stream === name));
  });

  it('keys one-message-per-object streams, and only those', () => {
    for (const d of eventDefinitions) {
      const stream = streams.find((s) => s.name === d.stream);
      expect({ type: d.type, keyed: d.key !== undefined }).toEqual({
        type: d.type,
        keyed: stream?.maxMessagesPerSubject === 1,
      });
    }
  });
});

describe('subjectOf', () => {
  it('appends the encoded object key for desired state and outcomes', () => {
    expect(
      subjectOf(MappingUserDesired, { key: 'John.Smith', state: 'absent', reason: 'noBusinessEmail' }),
    ).toBe('mapping.user.desired.John_2ESmith');
    expect(subjectOf(DeliveryRecordOutcome, { kind: 'wrapUpCode', key: 'Sale made', status: 'synced' })).toBe(
      'delivery.record.outcome.wrap-up-code.Sale_20made',
    );
  });

  it('leaves CIC events on their plain subject', () => {
    expect(subjectOf(CicUserChanged, { user: { id: 'a.b', phones: {}, skills: [] } })).toBe(
      'cic.user.changed',
    );
  });
});

describe('decodeEvent', () => {
  it('returns a known event with its data typed by type', () => {
    const event = decodeEvent(envelope('CicUserChanged', { user: { id: 'Zoë', phones: {}, skills: [] } }));
    if (event.type !== 'CicUserChanged') throw new Error('narrowing failed');
    expect(event.data.user.id).toBe('Zoë');
  });

  it('names the field that is wrong', () => {
    const bad = envelope('CicUserChanged', {
      user: { id: 'x', phones: {}, skills: [{ skillId: 's', proficiency: 101 }] },
    });
    expect(() => decodeEvent(bad)).toThrow(InvalidMessageError);
    expect(() => decodeEvent(bad)).toThrow(/user\.skills\[0\]\.proficiency/);
  });

  it('reads an event written under a former type as the event it is now', () => {
    const event = decodeEvent(
      envelope('DesiredUserChanged', { key: 'John.Smith', state: 'absent', reason: 'removedFromCic' }),
    );
    expect(event.type).toBe('MappingUserDesired');
    expect(event.data).toEqual({ key: 'John.Smith', state: 'absent', reason: 'removedFromCic' });
  });

  it('rejects unknown types, unsupported versions and broken envelopes', () => {
    expect(() => decodeEvent(envelope('CicUserExploded', {}))).toThrow(/unknown event type/);
    expect(() => decodeEvent({ ...envelope('CicUserRemoved', { id: 'x' }), schemaVersion: 2 })).toThrow(
      /unsupported schema version 2/,
    );
    expect(() => decodeEvent({ type: 'CicUserRemoved' })).toThrow(/invalid envelope/);
  });
});

import { attemptOf, summaryOf, timelineOf, type TimelineEntry } from './timeline';

const entry = (at: string, source: TimelineEntry['source'], type: string): TimelineEntry => ({
  at,
  source,
  type,
  summary: '',
  data: {},
});

describe('timelineOf', () => {
  it('merges the parts oldest first, causes before effects within one millisecond', () => {
    const t = '2026-12-01T10:00:00.000Z';
    const merged = timelineOf(
      [entry(t, 'delivery', 'DeliveryRecordOutcome')],
      [entry('2026-12-01T09:00:00.000Z', 'cic', 'CicUserChanged'), entry(t, 'cic', 'CicUserChanged')],
      [entry(t, 'mapping', 'MappingUserDesired')],
    );
    expect(merged.map((e) => `${e.at.slice(11, 13)} ${e.source}`)).toEqual([
      '09 cic',
      '10 cic',
      '10 mapping',
      '10 delivery',
    ]);
  });

  it('summarises an outcome by its status, reason, Genesys id and error', () => {
    expect(
      summaryOf({ status: 'error', genesysId: 'g1', error: { code: '429', message: 'slow down' } }),
    ).toBe('status error, genesysId g1, error 429: slow down');
  });

  it("carries an outcome's attempt with its requests and answers, and counts them in the summary", () => {
    const call = {
      method: 'POST',
      path: '/api/v2/scim/v2/users',
      request: '{ userName, displayName }',
      status: 201,
      answer: 'id g1',
      durationMs: 7,
    };
    const outcome = { status: 'synced', genesysId: 'g1', attempt: { number: 1, calls: [call] } };
    expect(attemptOf(outcome)).toEqual({ number: 1, calls: [call] });
    expect(summaryOf(outcome)).toBe('status synced, genesysId g1, attempt 1: 1 request(s)');
  });

  it('reads no attempt from an outcome without one, or with one that does not parse', () => {
    expect(attemptOf({ status: 'synced' })).toBeUndefined();
    expect(attemptOf({ attempt: { number: 0, calls: 'x' } })).toBeUndefined();
  });
});

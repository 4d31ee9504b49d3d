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

  it('says what a repair found drifted: each field, what Genesys held and what was wanted', () => {
    const outcome = {
      status: 'synced',
      genesysId: 'g1',
      drift: [
        { field: 'displayName', genesysValue: 'Ann (temp)', desiredValue: 'Ann Lee' },
        { field: 'routingSkills.Billing', genesysValue: '1', desiredValue: '4' },
        { field: 'member', desiredValue: 'ann' },
      ],
    };
    expect(summaryOf(outcome)).toBe(
      "status synced, genesysId g1, repaired drift: displayName 'Ann (temp)' in Genesys, 'Ann Lee' wanted; " +
        "routingSkills.Billing '1' in Genesys, '4' wanted; member none in Genesys, 'ann' wanted",
    );
  });

  it('does not call drift repaired when the outcome reports it left as Genesys has it', () => {
    const outcome = {
      status: 'error',
      drift: [{ field: 'name', genesysValue: 'Sales 2', desiredValue: 'Sales' }],
      error: { code: 'keepsDrifting', message: 'changed again' },
    };
    expect(summaryOf(outcome)).toBe(
      "status error, drift: name 'Sales 2' in Genesys, 'Sales' wanted, error keepsDrifting: changed again",
    );
  });

  it('leaves out drift entries that do not parse', () => {
    expect(summaryOf({ status: 'synced', drift: [{ genesysValue: 'x' }, 'y'] })).toBe('status synced');
  });

  it('reads no attempt from an outcome without one, or with one that does not parse', () => {
    expect(attemptOf({ status: 'synced' })).toBeUndefined();
    expect(attemptOf({ attempt: { number: 0, calls: 'x' } })).toBeUndefined();
  });
});

import { activityFilterOf, activityOfOutcome } from './activity';
import { withOutcome } from './record-view';

const at = '2026-12-01T10:00:00.000Z';

describe('activityOfOutcome', () => {
  it('writes a line when a record’s status changes, with why', () => {
    const before = withOutcome(
      undefined,
      { kind: 'user', key: 'eva', status: 'synced', genesysId: 'g1' },
      at,
    );
    const after = withOutcome(
      before,
      { kind: 'user', key: 'eva', status: 'error', genesysId: 'g1', error: { code: '503', message: 'down' } },
      at,
    );
    expect(activityOfOutcome(before, after, at)).toMatchObject({
      source: 'bridge',
      action: 'user error',
      key: 'eva',
      detail: 'was synced; 503: down',
    });
  });

  it('writes nothing when a record is synced again unchanged', () => {
    const before = withOutcome(
      undefined,
      { kind: 'user', key: 'eva', status: 'synced', genesysId: 'g1' },
      at,
    );
    const after = withOutcome(before, { kind: 'user', key: 'eva', status: 'synced', genesysId: 'g1' }, at);
    expect(activityOfOutcome(before, after, at)).toBeUndefined();
  });
});

describe('activityFilterOf', () => {
  it('takes the filters and a limit', () => {
    expect(activityFilterOf({ source: 'operator', kind: 'queue', q: ' confirm ', limit: '20' })).toEqual({
      ok: true,
      filter: { source: 'operator', kind: 'queue', text: 'confirm', limit: 20 },
    });
  });

  it.each([
    [{ source: 'someone' }, 'source'],
    [{ kind: 'printer' }, 'kind'],
    [{ before: 'yesterday' }, 'before'],
    [{ limit: '100000' }, 'limit'],
    [{ q: 'x'.repeat(201) }, 'q'],
  ])('refuses %j, naming %s', (params, name) => {
    const result = activityFilterOf(params);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problem.startsWith(name)).toBe(true);
  });
});

import type { RecordOutcome } from './record-view';
import { RecordProjection } from './record-projection';

const anna = {
  externalId: 'anna.oberg',
  userName: 'anna@example.com',
  displayName: 'Anna Öberg',
  phoneNumbers: [],
  routingSkills: [],
  routingLanguages: [],
};

const synced = (key: string, genesysId = `g-${key}`): RecordOutcome => ({
  kind: 'user',
  key,
  status: 'synced',
  genesysId,
  lastSynchronizedAt: '2026-12-01T10:00:01.000Z',
});

describe('RecordProjection', () => {
  it('is pending from the decision until delivery answers, then synced', () => {
    const projection = new RecordProjection();
    projection.decided(
      'user',
      'anna.oberg',
      { state: 'present', document: anna },
      '2026-12-01T10:00:00.000Z',
    );
    expect(projection.search({ limit: 10 }).records[0]).toMatchObject({
      status: 'pending',
      name: 'Anna Öberg',
    });

    projection.delivered(synced('anna.oberg'), '2026-12-01T10:00:01.000Z');
    expect(projection.search({ limit: 10 }).records[0]).toMatchObject({
      status: 'synced',
      genesysId: 'g-anna.oberg',
    });
  });

  it('is pending again when mapping decides after the last outcome', () => {
    const projection = new RecordProjection();
    projection.delivered(synced('anna.oberg'), '2026-12-01T10:00:01.000Z');
    projection.decided(
      'user',
      'anna.oberg',
      { state: 'present', document: anna },
      '2026-12-01T10:05:00.000Z',
    );
    expect(projection.counts().user).toMatchObject({ pending: 1, synced: 0 });
  });

  it('counts a CIC removal that reached Genesys as deleted and other reasons as not synced', () => {
    const projection = new RecordProjection();
    const at = '2026-12-01T10:00:00.000Z';
    projection.delivered({ kind: 'queue', key: 'Sales', status: 'notSynced', reason: 'removedFromCic' }, at);
    projection.delivered({ kind: 'user', key: 'ben', status: 'notSynced', reason: 'noBusinessEmail' }, at);
    projection.delivered(
      { kind: 'user', key: 'eva', status: 'error', error: { code: '500', message: 'x' } },
      at,
    );
    expect(projection.counts()).toMatchObject({
      queue: { deleted: 1, notSynced: 0 },
      user: { notSynced: 1, error: 1, synced: 0 },
    });
  });

  it('takes quarantine from delivery’s list, and a later successful outcome ends it', () => {
    const projection = new RecordProjection();
    const at = '2026-12-01T10:00:00.000Z';
    projection.delivered(
      { kind: 'user', key: 'eva', status: 'error', error: { code: '500', message: 'x' } },
      at,
    );
    projection.delivered(
      { kind: 'user', key: 'ben', status: 'error', error: { code: '500', message: 'x' } },
      at,
    );
    projection.quarantine([{ kind: 'user', key: 'eva' }]);
    expect(projection.counts().user).toMatchObject({ quarantined: 1, error: 1 });

    projection.delivered(synced('eva'), '2026-12-01T10:01:00.000Z');
    expect(projection.counts().user).toMatchObject({ quarantined: 0, synced: 1, error: 1 });
  });

  it('finds a record by part of its CIC id, name, email or Genesys id, case ignored', () => {
    const projection = new RecordProjection();
    projection.decided(
      'user',
      'anna.oberg',
      { state: 'present', document: anna },
      '2026-12-01T10:00:00.000Z',
    );
    projection.delivered(synced('anna.oberg', 'a1b2c3'), '2026-12-01T10:00:01.000Z');
    projection.decided(
      'queue',
      'Sales',
      { state: 'present', document: { name: 'Sales' } },
      '2026-12-01T10:00:00.000Z',
    );
    for (const q of ['ANNA.O', 'öberg', 'anna@EXAMPLE', 'B2C'])
      expect(projection.search({ q, limit: 10 }).records.map((r) => r.key)).toEqual(['anna.oberg']);
    expect(projection.search({ q: 'nobody', limit: 10 }).total).toBe(0);
  });

  it('keeps the last present name when a record becomes absent', () => {
    const projection = new RecordProjection();
    projection.decided(
      'user',
      'anna.oberg',
      { state: 'present', document: anna },
      '2026-12-01T10:00:00.000Z',
    );
    projection.decided(
      'user',
      'anna.oberg',
      { state: 'absent', reason: 'removedFromCic' },
      '2026-12-01T11:00:00.000Z',
    );
    expect(projection.get('user', 'anna.oberg')).toMatchObject({
      name: 'Anna Öberg',
      email: 'anna@example.com',
    });
  });

  it('filters by kind and status and pages in a stable order', () => {
    const projection = new RecordProjection();
    for (const key of ['c', 'a', 'b', 'd']) projection.delivered(synced(key), '2026-12-01T10:00:00.000Z');
    projection.delivered({ kind: 'skill', key: 'a', status: 'synced' }, '2026-12-01T10:00:00.000Z');
    const page = projection.search({ kind: 'user', status: 'synced', offset: 1, limit: 2 });
    expect(page).toMatchObject({ total: 4 });
    expect(page.records.map((r) => r.key)).toEqual(['b', 'c']);
  });
});

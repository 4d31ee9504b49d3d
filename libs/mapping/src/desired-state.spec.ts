import { canonicalJson } from '@bridge/contracts';
import { needsPublishing } from './desired-state';

describe('needsPublishing', () => {
  const present = { key: 'u', state: 'present', document: { name: 'Sales' } } as const;

  it('publishes a new present document and a new "not synced" reason the admin should see', () => {
    expect(needsPublishing(present, undefined)).toBe(true);
    expect(needsPublishing({ key: 'u', state: 'absent', reason: 'noBusinessEmail' }, undefined)).toBe(true);
    expect(needsPublishing({ key: 'w', state: 'absent', reason: 'systemWorkgroup' }, undefined)).toBe(true);
  });

  it.each(['removedFromCic', 'treatedAsLanguage', 'notTreatedAsLanguage'] as const)(
    'does not announce %s for a target never published (nothing to delete)',
    (reason) => {
      expect(needsPublishing({ key: 's', state: 'absent', reason }, undefined)).toBe(false);
    },
  );

  it('republishes only what differs from the last publication, whatever its key order', () => {
    expect(needsPublishing(present, '{"document":{"name":"Sales"},"key":"u","state":"present"}')).toBe(false);
    expect(
      needsPublishing(present, canonicalJson({ state: 'present', document: { name: 'Sales' }, key: 'u' })),
    ).toBe(false);
    expect(needsPublishing(present, canonicalJson({ ...present, document: { name: 'Sale' } }))).toBe(true);
    expect(
      needsPublishing({ key: 'u', state: 'absent', reason: 'removedFromCic' }, canonicalJson(present)),
    ).toBe(true);
  });
});

import { ScimProblem } from './api-error';
import { applyPatch } from './scim-patch';
import { ENTERPRISE_USER, GENESYS_USER, PATCH_OP } from './scim-schema';

const base = {
  userName: 'a@x.com',
  displayName: 'A',
  active: true,
  phoneNumbers: [{ value: '+1555', type: 'work' }],
  [ENTERPRISE_USER]: { department: 'Ops' },
};
const patch = (...Operations: unknown[]) => applyPatch(base, { schemas: [PATCH_OP], Operations });
const problem = (fn: () => unknown): ScimProblem => {
  try {
    fn();
  } catch (error) {
    if (error instanceof ScimProblem) return error;
  }
  throw new Error('expected a ScimProblem');
};

describe('applyPatch', () => {
  it('replaces a simple attribute, case-insensitively', () => {
    expect(patch({ op: 'Replace', path: 'DisplayName', value: 'B' })['displayName']).toBe('B');
  });

  it('replaces attributes given without a path, extensions included', () => {
    const doc = patch({
      op: 'replace',
      value: { active: false, [ENTERPRISE_USER]: { department: 'Sales' } },
    });
    expect(doc['active']).toBe(false);
    expect(doc[ENTERPRISE_USER]).toEqual({ department: 'Sales' });
  });

  it('updates and creates elements through a filtered path', () => {
    const replaced = patch({ op: 'replace', path: 'phoneNumbers[type eq "work"].value', value: '+1666' });
    expect(replaced['phoneNumbers']).toEqual([{ value: '+1666', type: 'work' }]);
    const added = patch({ op: 'add', path: 'phoneNumbers[type eq "mobile"].value', value: '+1777' });
    expect(added['phoneNumbers']).toEqual([
      { value: '+1555', type: 'work' },
      { type: 'mobile', value: '+1777' },
    ]);
  });

  it('removes filtered elements and extension attributes', () => {
    expect(patch({ op: 'remove', path: 'phoneNumbers[type eq "work"]' })['phoneNumbers']).toEqual([]);
    expect(patch({ op: 'remove', path: `${ENTERPRISE_USER}:department` })[ENTERPRISE_USER]).toEqual({});
  });

  it('appends to multi-valued attributes with add', () => {
    const doc = patch({
      op: 'add',
      path: `${GENESYS_USER}:routingSkills`,
      value: [{ name: 'Billing', proficiency: 3 }],
    });
    expect(doc[GENESYS_USER]).toEqual({ routingSkills: [{ name: 'Billing', proficiency: 3 }] });
  });

  it('answers the documented scimTypes for bad operations', () => {
    expect(problem(() => patch({ op: 'remove' })).scimType).toBe('noTarget');
    expect(problem(() => patch({ op: 'replace', path: 'nickName', value: 'x' })).scimType).toBe(
      'invalidPath',
    );
    expect(problem(() => patch({ op: 'replace', path: 'id', value: 'x' })).scimType).toBe('mutability');
    expect(
      problem(() => patch({ op: 'replace', path: 'phoneNumbers[type eq "home"].value', value: '1' }))
        .scimType,
    ).toBe('noTarget');
    expect(problem(() => patch({ op: 'move', path: 'title' })).scimType).toBe('invalidSyntax');
    expect(problem(() => applyPatch(base, { Operations: [] })).scimType).toBe('invalidSyntax');
  });
});

import { ScimProblem } from './api-error';
import { matches, parseFilter } from './scim-filter';
import { FILTER_ATTRIBUTES } from './scim-users';
import { ENTERPRISE_USER, GENESYS_USER } from './scim-schema';

const doc = {
  id: 'u1',
  userName: 'Ann@Example.com',
  externalId: 'E-1',
  active: true,
  emails: [{ value: 'ann.work@example.com', type: 'work' }],
  [ENTERPRISE_USER]: { manager: { value: 'm1' }, division: 'Home', employeeNumber: '42' },
  [GENESYS_USER]: { externalIds: [{ authority: 'cic', value: 'ann' }] },
};
const test = (filter: string) => matches(doc, parseFilter(filter), FILTER_ATTRIBUTES);

describe('SCIM filters', () => {
  it('matches eq on the documented attributes', () => {
    expect(test('userName eq "ann@example.com"')).toBe(true);
    expect(test('externalId eq "E-1"')).toBe(true);
    expect(test('externalId eq "e-1"')).toBe(false);
    expect(test('id eq u1')).toBe(true);
    expect(test('active eq true')).toBe(true);
    expect(test('active eq false')).toBe(false);
    expect(test('email eq "ann.work@example.com"')).toBe(true);
    expect(test('emails.value eq "ann.work@example.com"')).toBe(true);
    expect(test('manager eq "m1"')).toBe(true);
    expect(test('division eq Home')).toBe(true);
    expect(test('employeeNumber eq "42"')).toBe(true);
  });

  it('combines with and/or and parentheses', () => {
    expect(test('userName eq "x" or (active eq true and id eq "u1")')).toBe(true);
    expect(test('userName eq "x" and active eq true')).toBe(false);
  });

  it('matches the externalIds value path of the Genesys extension', () => {
    expect(test(`${GENESYS_USER}:externalIds[authority eq "cic" and value eq "ann"]`)).toBe(true);
    expect(test(`${GENESYS_USER}:externalIds[authority eq "cic" and value eq "bob"]`)).toBe(false);
  });

  it.each(['userName co "ann"', 'title eq "x"', 'userName eq', '(userName eq "a"', 'userName eq "a'])(
    'rejects %s as invalidFilter',
    (filter) => {
      expect(() => test(filter)).toThrow(ScimProblem);
      try {
        test(filter);
      } catch (error) {
        expect((error as ScimProblem).scimType).toBe('invalidFilter');
      }
    },
  );
});

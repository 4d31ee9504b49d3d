import { matchesAll, pageOf, parseRange, parseWhere, type Condition } from './query';

const conditions = (raw: string): Condition[] => {
  const parsed = parseWhere(raw);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.value;
};

const user = {
  configurationId: { id: 'anna.oberg', displayName: 'Anna Öberg', uri: '/configuration/users/anna.oberg' },
  personalInformationProperties: { emailAddress: 'anna@example.com' },
  workgroups: [{ id: 'Support.Tier 2', uri: '/configuration/workgroups/Support.Tier%202' }],
};

describe('where', () => {
  it('matches configurationId.id eq, folding case', () => {
    expect(matchesAll(user, conditions('configurationId.id eq Anna.Oberg'))).toBe(true);
    expect(matchesAll(user, conditions('configurationId.id eq ben'))).toBe(false);
  });

  it('supports contains, starts-with and not-equal, and quoted values with commas', () => {
    expect(matchesAll(user, conditions('configurationId.displayName ct öberg'))).toBe(true);
    expect(matchesAll(user, conditions('personalInformationProperties.emailAddress sw anna@'))).toBe(true);
    expect(matchesAll(user, conditions('configurationId.id ne anna.oberg'))).toBe(false);
    expect(matchesAll(user, conditions("configurationId.displayName ne 'Öberg, Anna'"))).toBe(true);
  });

  it('reaches into arrays and requires every condition', () => {
    expect(matchesAll(user, conditions('workgroups.id eq support.tier 2'))).toBe(true);
    expect(matchesAll(user, conditions('workgroups.id eq support.tier 2, configurationId.id eq x'))).toBe(
      false,
    );
  });

  it('refuses what it does not support', () => {
    expect(parseWhere('configurationId.id like x').ok).toBe(false);
  });
});

describe('Range and the 200-item cap', () => {
  const all = Array.from({ length: 450 }, (_, index) => index);

  it('returns everything without Range or selection', () => {
    expect(pageOf(all, undefined, false)).toEqual({ items: all });
  });

  it('caps at 200 items when properties are selected', () => {
    const page = pageOf(all, undefined, true);
    expect(page.items).toHaveLength(200);
    expect(page.contentRange).toBe('items 0-199/450');
  });

  it('serves the asked range, capped, and clamps at the end', () => {
    const range = parseRange('items=400-999');
    if (!range.ok) throw new Error(range.message);
    expect(pageOf(all, range.value, true)).toEqual({
      items: all.slice(400),
      contentRange: 'items 400-449/450',
    });
    const wide = parseRange('items=0-499');
    if (!wide.ok) throw new Error(wide.message);
    expect(pageOf(all, wide.value, true).contentRange).toBe('items 0-199/450');
  });

  it('refuses a malformed Range', () => {
    expect(parseRange('bytes=0-1').ok).toBe(false);
    expect(parseRange('items=5-1').ok).toBe(false);
  });
});

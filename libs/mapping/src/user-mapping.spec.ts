import { defaultMappingRules } from './mapping-rules';
import {
  aCicUser,
  aSkill,
  aWorkgroup,
  given,
  skillChanged,
  userChanged,
  userRemoved,
  workgroupChanged,
} from './test-support/builders';
import { desiredUser } from './user-mapping';

const rules = defaultMappingRules;

describe('desired user', () => {
  it.each([
    ['no business email', undefined, 'noBusinessEmail'],
    ['a blank business email', '   ', 'noBusinessEmail'],
    ['an email without @', 'jsmith.example.com', 'invalidBusinessEmail'],
    ['an email without a domain dot', 'jsmith@example', 'invalidBusinessEmail'],
    ['an email with a space', 'j smith@example.com', 'invalidBusinessEmail'],
  ])('does not sync a user with %s', (_case, businessEmail, reason) => {
    const state = given(userChanged(aCicUser('John.Smith', { businessEmail })));
    expect(desiredUser(state, 'John.Smith', rules)).toEqual({ key: 'John.Smith', state: 'absent', reason });
  });

  it('syncs a user without a business email under its mailbox email, with a note saying so', () => {
    const state = given(
      userChanged(
        aCicUser('John.Smith', { businessEmail: undefined, mailboxEmail: ' jsmith@mail.example.com ' }),
      ),
    );
    expect(desiredUser(state, 'John.Smith', rules)).toMatchObject({
      state: 'present',
      document: { userName: 'jsmith@mail.example.com', note: 'businessEmailFromMailbox' },
    });
  });

  it('prefers the business email to the mailbox one, and then adds no note', () => {
    const state = given(
      userChanged(
        aCicUser('John.Smith', {
          businessEmail: 'john@example.com',
          mailboxEmail: 'jsmith@mail.example.com',
        }),
      ),
    );
    const desired = desiredUser(state, 'John.Smith', rules);
    expect(desired).toMatchObject({ state: 'present', document: { userName: 'john@example.com' } });
    expect(desired.state === 'present' && 'note' in desired.document).toBe(false);
  });

  it.each([
    [
      'a malformed business email (a typo to fix)',
      'jsmith@',
      'jsmith@mail.example.com',
      'invalidBusinessEmail',
    ],
    ['no business email and a malformed mailbox one', undefined, 'jsmith@', 'noBusinessEmail'],
    ['neither email', undefined, undefined, 'noBusinessEmail'],
  ])('does not fall back to the mailbox email for %s', (_case, businessEmail, mailboxEmail, reason) => {
    const state = given(userChanged(aCicUser('John.Smith', { businessEmail, mailboxEmail })));
    expect(desiredUser(state, 'John.Smith', rules)).toEqual({ key: 'John.Smith', state: 'absent', reason });
  });

  it('counts a mailbox email as taken like a business one: the first user to take it keeps it', () => {
    const state = given(
      userChanged(aCicUser('Ann', { businessEmail: undefined, mailboxEmail: 'ann@example.com' })),
      userChanged(aCicUser('Anne', { businessEmail: 'ANN@example.com' })),
    );
    expect(desiredUser(state, 'Ann', rules)).toMatchObject({ state: 'present' });
    expect(desiredUser(state, 'Anne', rules)).toMatchObject({
      state: 'absent',
      reason: 'duplicateBusinessEmail',
    });
  });

  it('syncs the first CIC user to take a business email and not the later ones, until the first lets it go', () => {
    const first = userChanged(aCicUser('Ann', { businessEmail: 'ann@example.com' }));
    const second = userChanged(aCicUser('Anne', { businessEmail: ' ANN@example.com' }));
    const third = userChanged(aCicUser('Annie', { businessEmail: 'ann@Example.com' }));
    const duplicate = (id: string) => ({ key: id, state: 'absent', reason: 'duplicateBusinessEmail' });
    // Order of events, not of ids: a newcomer never displaces the user who holds the email.
    let state = given(second, first, third);
    expect(desiredUser(state, 'Anne', rules)).toMatchObject({ state: 'present' });
    expect(desiredUser(state, 'Ann', rules)).toEqual(duplicate('Ann'));
    expect(desiredUser(state, 'Annie', rules)).toEqual(duplicate('Annie'));
    // Changing anything but the email keeps the user's place in line.
    state = given(
      second,
      first,
      third,
      userChanged(aCicUser('Ann', { businessEmail: 'ann@example.com', displayName: 'A' })),
    );
    expect(desiredUser(state, 'Ann', rules)).toEqual(duplicate('Ann'));
    state = given(second, first, third, userChanged(aCicUser('Anne', { businessEmail: 'anne@example.com' })));
    expect(desiredUser(state, 'Ann', rules)).toMatchObject({ state: 'present' });
    expect(desiredUser(state, 'Annie', rules)).toEqual(duplicate('Annie'));
    state = given(second, first, third, userRemoved('Anne'), userRemoved('Ann'));
    expect(desiredUser(state, 'Annie', rules)).toMatchObject({ state: 'present' });
  });

  it('says a user CIC no longer has was removed', () => {
    expect(desiredUser(given(), 'Gone', rules)).toEqual({
      key: 'Gone',
      state: 'absent',
      reason: 'removedFromCic',
    });
  });

  it('uses the business email as userName and the CIC id as externalId', () => {
    const state = given(userChanged(aCicUser('John.Smith', { businessEmail: ' john.smith@example.com ' })));
    expect(desiredUser(state, 'John.Smith', rules)).toMatchObject({
      state: 'present',
      document: { externalId: 'John.Smith', userName: 'john.smith@example.com' },
    });
  });

  it.each([
    [undefined, 'John.Smith'],
    ['', 'John.Smith'],
    ['  ', 'John.Smith'],
    ['John Smith', 'John Smith'],
  ])('uses display name %j, defaulting to the user id', (displayName, expected) => {
    const state = given(userChanged(aCicUser('John.Smith', { displayName })));
    expect(desiredUser(state, 'John.Smith', rules)).toMatchObject({ document: { displayName: expected } });
  });

  it('maps business→work, business2→work2, mobile→mobile, home→home, fax→other and skips empty ones', () => {
    const user = aCicUser('u', {
      phones: { fax: '5', home: '4', mobile: '3', business2: '2', business: '1' },
    });
    expect(desiredUser(given(userChanged(user)), 'u', rules)).toMatchObject({
      document: {
        phoneNumbers: [
          { type: 'work', value: '1' },
          { type: 'work2', value: '2' },
          { type: 'mobile', value: '3' },
          { type: 'home', value: '4' },
          { type: 'other', value: '5' },
        ],
      },
    });
    const sparse = aCicUser('u', { phones: { mobile: '3', home: ' ' } });
    expect(desiredUser(given(userChanged(sparse)), 'u', rules)).toMatchObject({
      document: { phoneNumbers: [{ type: 'mobile', value: '3' }] },
    });
  });

  describe('skills', () => {
    const skills = [
      skillChanged(aSkill('Billing')),
      skillChanged(aSkill('Sales')),
      skillChanged(aSkill('Spanish', { treatAsLanguage: true })),
    ];

    it('lists direct skills by key with their rating, languages apart, sorted by key', () => {
      const user = aCicUser('u', {
        skills: [
          { skillId: 'Spanish', proficiency: 100 },
          { skillId: 'Sales', proficiency: 35 },
          { skillId: 'Billing', proficiency: 61 },
        ],
      });
      expect(desiredUser(given(...skills, userChanged(user)), 'u', rules)).toMatchObject({
        document: {
          routingSkills: [
            { key: 'Billing', rating: 4 },
            { key: 'Sales', rating: 2 },
          ],
          routingLanguages: [{ key: 'Spanish', rating: 5 }],
        },
      });
    });

    it('inherits workgroup skills, the highest across workgroups', () => {
      const state = given(
        ...skills,
        userChanged(aCicUser('u')),
        workgroupChanged(
          aWorkgroup('A', { members: ['u'], skills: [{ skillId: 'Billing', proficiency: 30 }] }),
        ),
        workgroupChanged(
          aWorkgroup('B', { members: ['u'], skills: [{ skillId: 'Billing', proficiency: 90 }] }),
        ),
      );
      expect(desiredUser(state, 'u', rules)).toMatchObject({
        document: { routingSkills: [{ key: 'Billing', rating: 5 }] },
      });
    });

    it('lets a direct skill win over an inherited one, even a higher one', () => {
      const state = given(
        ...skills,
        userChanged(aCicUser('u', { skills: [{ skillId: 'Billing', proficiency: 10 }] })),
        workgroupChanged(
          aWorkgroup('A', { members: ['u'], skills: [{ skillId: 'Billing', proficiency: 90 }] }),
        ),
      );
      expect(desiredUser(state, 'u', rules)).toMatchObject({
        document: { routingSkills: [{ key: 'Billing', rating: 1 }] },
      });
    });

    it('inherits from a workgroup that is not synced as a queue (CIC routing still applies its skills)', () => {
      const state = given(
        ...skills,
        userChanged(aCicUser('u')),
        workgroupChanged(
          aWorkgroup('_System', { members: ['u'], skills: [{ skillId: 'Sales', proficiency: 50 }] }),
        ),
      );
      expect(desiredUser(state, 'u', rules)).toMatchObject({
        document: { routingSkills: [{ key: 'Sales', rating: 3 }] },
      });
    });

    it('leaves out skills CIC has not described (or deleted)', () => {
      const user = aCicUser('u', { skills: [{ skillId: 'Unknown', proficiency: 50 }] });
      expect(desiredUser(given(userChanged(user)), 'u', rules)).toMatchObject({
        document: { routingSkills: [], routingLanguages: [] },
      });
    });

    it('rates by the configured bands', () => {
      const user = aCicUser('u', { skills: [{ skillId: 'Billing', proficiency: 50 }] });
      const state = given(...skills, userChanged(user));
      const custom = { ...rules, ratingBands: [10, 20, 30, 40] as const };
      expect(desiredUser(state, 'u', custom)).toMatchObject({
        document: { routingSkills: [{ key: 'Billing', rating: 5 }] },
      });
    });
  });
});

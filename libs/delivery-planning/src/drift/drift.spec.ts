import type { ActualQueue, ActualUser, UserFields } from '../genesys-state';
import { goneDrift, namedDrift, normalisedPhone, queueDrift, secondaryStatusDrift, userDrift } from './drift';

const desired: UserFields = {
  userName: 'ann@example.com',
  displayName: 'Ann Lee',
  externalId: 'ann',
  phoneNumbers: [{ type: 'work', value: '+13175550100' }],
  routingSkills: [{ name: 'Billing', proficiency: 4 }],
  routingLanguages: [{ name: 'French', proficiency: 2 }],
};
const synced: ActualUser = { id: 'g-ann', active: true, ...desired };
const managed = { skills: new Set(['Billing', 'Sales']), languages: new Set(['French']) };

describe('user drift', () => {
  it('finds none in a user as the bridge left it', () => {
    expect(userDrift(desired, synced, synced, managed)).toEqual({ drift: [], known: synced });
  });

  it('finds a display name renamed by hand, and records it as known so the repair patches it', () => {
    const renamed = { ...synced, displayName: 'Annie' };
    const { drift, known } = userDrift(desired, renamed, synced, managed);
    expect(drift).toEqual([{ field: 'displayName', genesysValue: 'Annie', desiredValue: 'Ann Lee' }]);
    expect(known.displayName).toBe('Annie');
  });

  it('does not count the case of the user name, nor the format of a phone number', () => {
    const spelled = {
      ...synced,
      userName: 'Ann@Example.com',
      phoneNumbers: [{ type: 'work', value: 'tel:+1 (317) 555-0100' }],
    };
    expect(userDrift(desired, spelled, synced, managed)).toEqual({ drift: [], known: synced });
  });

  it('finds a mapped phone changed or removed, and ignores phone types the bridge does not write', () => {
    const edited = {
      ...synced,
      phoneNumbers: [
        { type: 'mobile', value: '+15550000' },
        { type: 'work3', value: '+15551111' },
      ],
    };
    expect(userDrift(desired, edited, synced, managed).drift).toEqual([
      { field: 'phoneNumbers.work', desiredValue: '+13175550100' },
      { field: 'phoneNumbers.mobile', genesysValue: '+15550000' },
    ]);
  });

  it('finds a managed skill rating changed or a managed skill added, and leaves foreign skills alone', () => {
    const edited = {
      ...synced,
      routingSkills: [
        { name: 'Billing', proficiency: 2 },
        { name: 'Sales', proficiency: 3 },
        { name: 'Theirs', proficiency: 5 },
      ],
    };
    const { drift, known } = userDrift(desired, edited, synced, managed);
    expect(drift).toEqual([
      { field: 'routingSkills.Billing', genesysValue: '2', desiredValue: '4' },
      { field: 'routingSkills.Sales', genesysValue: '3' },
    ]);
    expect(known.routingSkills).toEqual(edited.routingSkills);
  });

  it('finds a managed language removed', () => {
    const edited = { ...synced, routingLanguages: [] };
    expect(userDrift(desired, edited, synced, managed).drift).toEqual([
      { field: 'routingLanguages.French', desiredValue: '2' },
    ]);
  });

  it('finds a deactivated user', () => {
    const { drift, known } = userDrift(desired, { ...synced, active: false }, synced, managed);
    expect(drift).toEqual([{ field: 'active', genesysValue: 'false', desiredValue: 'true' }]);
    expect(known.active).toBe(false);
  });
});

describe('queue drift', () => {
  const queue: ActualQueue = { id: 'g-q', name: 'Support', memberIds: ['u1', 'u2'], wrapUpCodeIds: ['w1'] };
  const target = { name: 'Support', memberIds: ['u1', 'u2'], wrapUpCodeIds: ['w1'] };
  const ids = { userIds: new Set(['u1', 'u2', 'u3']), wrapUpCodeIds: new Set(['w1', 'w2']) };
  const label = (id: string) => `key-${id}`;

  it('finds a member removed and a managed member added, and leaves foreign members alone', () => {
    const edited = { ...queue, memberIds: ['u2', 'u3', 'foreign'] };
    expect(queueDrift(target, edited, ids, label)).toEqual({
      drift: [
        { field: 'member', desiredValue: 'key-u1' },
        { field: 'member', genesysValue: 'key-u3' },
      ],
      known: edited,
    });
  });

  it('finds a rename and a wrap-up code removed', () => {
    const edited = { ...queue, name: 'support desk', wrapUpCodeIds: ['theirs'] };
    expect(queueDrift(target, edited, ids, label).drift).toEqual([
      { field: 'name', genesysValue: 'support desk', desiredValue: 'Support' },
      { field: 'wrapUpCode', desiredValue: 'key-w1' },
    ]);
  });
});

describe('other kinds', () => {
  it('finds a wrap-up code renamed', () => {
    expect(namedDrift({ name: 'Sale' }, { id: 'w', name: 'Sold' }).drift).toEqual([
      { field: 'name', genesysValue: 'Sold', desiredValue: 'Sale' },
    ]);
  });

  it('finds a secondary status moved to another system presence', () => {
    const genesys = { id: 's', name: 'Coaching', systemPresence: 'Away' as const };
    expect(secondaryStatusDrift({ name: 'Coaching', systemPresence: 'Busy' }, genesys).drift).toEqual([
      { field: 'systemPresence', genesysValue: 'Away', desiredValue: 'Busy' },
    ]);
  });

  it('says a deleted object is wanted again', () => {
    expect(goneDrift('Support')).toEqual({ field: 'object', desiredValue: 'Support' });
  });

  it('spells phone numbers the way Genesys compares them', () => {
    expect(normalisedPhone(' tel:+1 (317) 555-0100;ext=12 ')).toBe('+13175550100;ext=12');
  });
});

import { canonicalJson, type CicEvent } from '@bridge/contracts';
import { affectedTargets } from './affected-targets';
import { evolve, initialCicState } from './cic-state';
import { desiredDocuments, desiredStateOf } from './desired-state';
import { defaultMappingRules } from './mapping-rules';
import { targetId } from './target';
import {
  aCicUser,
  aSkill,
  aWorkgroup,
  aWrapUpCode,
  given,
  skillChanged,
  skillRemoved,
  userChanged,
  userRemoved,
  workgroupChanged,
  workgroupRemoved,
  wrapUpCodeChanged,
  wrapUpCodeRemoved,
} from './test-support/builders';

const ids = (events: CicEvent[], event: CicEvent) =>
  affectedTargets(given(...events), event)
    .map(targetId)
    .sort();

describe('affectedTargets', () => {
  const center = [
    skillChanged(aSkill('Billing')),
    wrapUpCodeChanged(aWrapUpCode('Sold')),
    userChanged(aCicUser('a', { skills: [{ skillId: 'Billing', proficiency: 50 }] })),
    userChanged(aCicUser('b')),
    userChanged(aCicUser('c')),
    workgroupChanged(aWorkgroup('Sales', { members: ['a', 'b'], wrapUpCodes: ['Sold'] })),
    workgroupChanged(
      aWorkgroup('Billing Team', { members: ['b'], skills: [{ skillId: 'Billing', proficiency: 80 }] }),
    ),
  ];

  it('touches only the skill and the language on a rename: users reference skills by key', () => {
    expect(ids(center, skillChanged(aSkill('Billing', { displayName: 'Billing 2' })))).toEqual([
      'language:Billing',
      'skill:Billing',
    ]);
  });

  it('touches every holder, direct or inherited, when Treat as Language is toggled', () => {
    expect(ids(center, skillChanged(aSkill('Billing', { treatAsLanguage: true })))).toEqual([
      'language:Billing',
      'skill:Billing',
      'user:a',
      'user:b',
    ]);
  });

  it('touches one queue when a member joins a workgroup without skills', () => {
    const joined = workgroupChanged(aWorkgroup('Sales', { members: ['a', 'b', 'c'], wrapUpCodes: ['Sold'] }));
    expect(ids(center, joined)).toEqual(['queue:Sales']);
  });

  it('touches the queue and the joining user when the workgroup passes skills on', () => {
    const joined = workgroupChanged(
      aWorkgroup('Billing Team', { members: ['b', 'c'], skills: [{ skillId: 'Billing', proficiency: 80 }] }),
    );
    expect(ids(center, joined)).toEqual(['queue:Billing Team', 'user:c']);
  });

  it('touches the user alone on a phone change, and its queues when it loses the business email', () => {
    expect(ids(center, userChanged(aCicUser('b', { phones: { mobile: '1' } })))).toEqual(['user:b']);
    expect(ids(center, userChanged(aCicUser('b', { businessEmail: undefined })))).toEqual([
      'queue:Billing Team',
      'queue:Sales',
      'user:b',
    ]);
  });

  it('touches every user sharing an email, and their queues, when one of them changes or leaves it', () => {
    const sharing = [
      ...center,
      userChanged(aCicUser('d', { businessEmail: 'B@example.com' })),
      workgroupChanged(aWorkgroup('Support', { members: ['d'] })),
    ];
    const expected = ['queue:Billing Team', 'queue:Sales', 'queue:Support', 'user:b', 'user:d'];
    expect(ids(sharing, userChanged(aCicUser('b', { businessEmail: 'new@example.com' })))).toEqual(expected);
    expect(ids(sharing, userRemoved('b'))).toEqual(expected);
    expect(
      ids(sharing, userChanged(aCicUser('d', { businessEmail: 'B@example.com', displayName: 'D' }))),
    ).toEqual(['user:d']);
  });

  it('touches the queues offering a wrap-up code when it is added or removed, not when renamed', () => {
    expect(ids(center, wrapUpCodeChanged(aWrapUpCode('Sold', { displayName: 'Closed' })))).toEqual([
      'wrapUpCode:Sold',
    ]);
    expect(ids(center, wrapUpCodeRemoved('Sold'))).toEqual(['queue:Sales', 'wrapUpCode:Sold']);
  });
});

describe('incremental mapping', () => {
  // A seeded generator of random CIC histories: after every event, the documents kept up to date through
  // affectedTargets must equal a full recompute. This is what lets the service skip the full recompute.
  function random(seed: number) {
    let s = seed;
    return () => {
      s = (s * 1103515245 + 12345) % 2 ** 31;
      return s / 2 ** 31;
    };
  }

  it.each([1, 2, 3, 4, 5])('equals the full recompute after every event (seed %i)', (seed) => {
    const next = random(seed);
    const pick = <T>(values: readonly T[]): T => values[Math.floor(next() * values.length)] as T;
    const users = ['u1', 'u2', 'u3', 'u4', 'u5'];
    const skills = ['s1', 's2', 's3'];
    const workgroups = ['w1', 'w2', '_w3'];
    const codes = ['c1', 'c2'];
    const some = <T>(values: readonly T[]) => values.filter(() => next() < 0.5);
    const assignments = () =>
      some(skills).map((skillId) => ({ skillId, proficiency: Math.floor(next() * 101) }));
    const randomEvent = (): CicEvent => {
      switch (Math.floor(next() * 8)) {
        case 0:
          return userChanged(
            aCicUser(pick(users), {
              businessEmail: pick(['x@example.com', 'X@Example.com', 'y@example.com', undefined, 'bad']),
              displayName: pick(['A', undefined]),
              skills: assignments(),
            }),
          );
        case 1:
          return userRemoved(pick(users));
        case 2:
          return workgroupChanged(
            aWorkgroup(pick(workgroups), {
              members: some(users),
              skills: assignments(),
              wrapUpCodes: some(codes),
              hasQueue: next() < 0.8,
            }),
          );
        case 3:
          return workgroupRemoved(pick(workgroups));
        case 4:
          return skillChanged(
            aSkill(pick(skills), { treatAsLanguage: next() < 0.4, displayName: pick(['N', 'M']) }),
          );
        case 5:
          return skillRemoved(pick(skills));
        case 6:
          return wrapUpCodeChanged(aWrapUpCode(pick(codes), { displayName: pick(['N', 'M']) }));
        default:
          return wrapUpCodeRemoved(pick(codes));
      }
    };

    const rules = defaultMappingRules;
    const state = initialCicState();
    const kept = new Map<string, string>();
    for (let i = 0; i < 300; i++) {
      const event = randomEvent();
      const targets = affectedTargets(state, event);
      evolve(state, event, i);
      for (const target of targets)
        kept.set(targetId(target), canonicalJson(desiredStateOf(state, target, rules)));
      for (const [id, desired] of desiredDocuments(state, rules)) {
        expect([i, id, kept.get(id)]).toEqual([i, id, canonicalJson(desired)]);
      }
    }
  });
});

import { createHash } from 'node:crypto';
import { CicMirror } from './cic-mirror';
import { ICWS } from './icws-names';

const eventIdOf = (name: string) => createHash('sha256').update(name).digest('hex').slice(0, 32);
const T = ICWS.messageTypes;

const ref = (id: string, displayName?: string) => ({ id, ...(displayName ? { displayName } : {}) });
const userItem = (id: string, email?: string, extra: Record<string, unknown> = {}) => ({
  configurationId: ref(id, `${id} name`),
  ...(email ? { personalInformationProperties: { emailAddress: email } } : {}),
  ...extra,
});
const message = (
  type: string,
  isDelta: boolean,
  lists: { added?: unknown[]; changed?: unknown[]; removed?: unknown[] },
) => ({
  __type: type,
  isDelta,
  subscriptionId: 's',
  added: lists.added ?? [],
  changed: lists.changed ?? [],
  removed: lists.removed ?? [],
});

function given(...snapshots: unknown[]): CicMirror {
  const mirror = new CicMirror(eventIdOf);
  mirror.startSession();
  for (const snapshot of snapshots) mirror.commit(mirror.decide(snapshot).events);
  return mirror;
}

describe('CicMirror', () => {
  it('turns a first snapshot into one …Changed per object, with the contracts shape', () => {
    const mirror = given();
    const { events, rejections } = mirror.decide(
      message(T.user, false, {
        added: [
          userItem('anna.oberg', 'anna@example.com', {
            personalInformationProperties: { emailAddress: 'anna@example.com', mobileNumber: '+46 1' },
            skills: {
              actualValue: [
                { id: ref('Spanish'), proficiency: 40, desireToUse: 0 },
                { id: ref('English'), proficiency: 90 },
              ],
            },
          }),
          { configurationId: { id: 'no.name' } },
        ],
      }),
    );
    expect(rejections).toEqual([]);
    expect(events.map((event) => [event.type, event.id, event.data])).toEqual([
      [
        'CicUserChanged',
        'anna.oberg',
        {
          user: {
            id: 'anna.oberg',
            displayName: 'anna.oberg name',
            businessEmail: 'anna@example.com',
            phones: { mobile: '+46 1' },
            skills: [
              { skillId: 'English', proficiency: 90 },
              { skillId: 'Spanish', proficiency: 40, desireToUse: 0 },
            ],
          },
        },
      ],
      ['CicUserChanged', 'no.name', { user: { id: 'no.name', phones: {}, skills: [] } }],
    ]);
  });

  it('reads a snapshot in parts as it would whole, removing what none of the parts held only with the last', () => {
    const mirror = given(
      message(T.user, false, { added: [userItem('a', 'a@x'), userItem('b'), userItem('gone')] }),
    );
    mirror.startSession();
    const first = mirror.decide(message(T.user, false, { added: [userItem('a', 'a@y'), userItem('b')] }), {
      first: true,
      last: false,
    });
    expect(first.events.map((event) => [event.type, event.id])).toEqual([['CicUserChanged', 'a']]);
    mirror.commit(first.events);
    const last = mirror.decide(
      message(T.user, false, { added: [{ configurationId: { id: 'bad' }, skills: 7 }, userItem('new')] }),
      { first: false, last: true },
    );
    expect(last.rejections.map((rejection) => rejection.id)).toEqual(['bad']);
    expect(last.events.map((event) => [event.type, event.id])).toEqual([
      ['CicUserChanged', 'new'],
      ['CicUserRemoved', 'gone'],
    ]);
    mirror.commit(last.events);
    // The parts' items are the session's cache, which deltas merge into.
    const delta = mirror.decide(
      message(T.user, true, {
        changed: [{ configurationId: { id: 'b' }, personalInformationProperties: { emailAddress: 'b@x' } }],
      }),
    );
    expect(delta.events.map((event) => [event.type, event.id])).toEqual([['CicUserChanged', 'b']]);
  });

  it('appends nothing for a snapshot that matches what the log knows', () => {
    const snapshot = message(T.user, false, { added: [userItem('a', 'a@x'), userItem('b')] });
    const mirror = given(snapshot);
    mirror.startSession();
    expect(mirror.decide(snapshot).events).toEqual([]);
  });

  it('emits the changes and removals a new snapshot shows, and keeps objects it could not read', () => {
    const mirror = given(
      message(T.user, false, { added: [userItem('a', 'a@x'), userItem('b'), userItem('c'), userItem('d')] }),
    );
    mirror.startSession();
    const { events, rejections } = mirror.decide(
      message(T.user, false, {
        added: [
          userItem('a', 'new@x'),
          userItem('c'),
          { configurationId: ref('d'), skills: 'broken' },
          userItem('e'),
        ],
      }),
    );
    expect(events.map((event) => `${event.type} ${event.id}`)).toEqual([
      'CicUserChanged a',
      'CicUserChanged e',
      'CicUserRemoved b',
    ]);
    expect(rejections.map((rejection) => [rejection.reason, rejection.id])).toEqual([
      ['invalidProperty', 'd'],
    ]);
  });

  it('merges delta changes: a leaf changes, an explicit null clears, other properties stay', () => {
    const mirror = given(
      message(T.user, false, {
        added: [
          userItem('a', 'a@x', { personalInformationProperties: { emailAddress: 'a@x', homeNumber: '1' } }),
        ],
      }),
    );
    const cleared = mirror.decide(
      message(T.user, true, {
        changed: [{ configurationId: ref('a'), personalInformationProperties: { emailAddress: null } }],
      }),
    );
    expect(cleared.events.map((event) => event.data)).toEqual([
      { user: { id: 'a', phones: { home: '1' }, skills: [] } },
    ]);
  });

  it('emits nothing for a delta that changes only properties the contracts do not carry', () => {
    const mirror = given(message(T.workgroup, false, { added: [workgroup('Sales', ['a'])] }));
    const decision = mirror.decide(
      message(T.workgroup, true, {
        changed: [{ configurationId: ref('Sales'), members: [ref('a', 'Renamed A')] }],
      }),
    );
    expect(decision).toMatchObject({ events: [], rejections: [] });
  });

  it('gives the same event ids to the same change from the same known state, and new ids to A → B → A', () => {
    const first = given().decide(message(T.skill, false, { added: [skill('English', true)] })).events;
    const again = given().decide(message(T.skill, false, { added: [skill('English', true)] })).events;
    expect(again.map((event) => event.eventId)).toEqual(first.map((event) => event.eventId));

    const mirror = given(message(T.skill, false, { added: [skill('English', true)] }));
    const ids = [false, true].map((value) => {
      const decision = mirror.decide(message(T.skill, true, { changed: [skill('English', value)] }));
      mirror.commit(decision.events);
      return decision.events[0]?.eventId;
    });
    expect(new Set([first[0]?.eventId, ...ids]).size).toBe(3);
  });

  it('rebuilds known state from the log, so a restart appends only what changed since', () => {
    const snapshot = message(T.wrapUpCode, false, {
      added: [{ configurationId: ref('Sale.Won') }, { configurationId: ref('Lost') }],
    });
    const first = given().decide(snapshot).events;
    const restarted = new CicMirror(eventIdOf);
    first.forEach((event) => restarted.replay({ id: event.eventId, type: event.type, data: event.data }));
    restarted.startSession();
    const { events } = restarted.decide(
      message(T.wrapUpCode, false, { added: [{ configurationId: ref('Sale.Won') }] }),
    );
    expect(events.map((event) => `${event.type} ${event.id}`)).toEqual(['CicWrapUpCodeRemoved Lost']);
    expect(restarted.current('wrapUpCode').size).toBe(2);
  });

  it('decides from digests alone for the kinds it does not keep, as it does from objects', () => {
    const lean = new CicMirror(eventIdOf, new Set(['workgroup']));
    const full = new CicMirror(eventIdOf);
    const snapshots = [
      message(T.user, false, {
        added: [userItem('ann', 'ann@example.com'), userItem('bob', 'bob@example.com')],
      }),
      message(T.user, false, {
        added: [userItem('ann', 'ann@example.com'), userItem('bob', 'bob@other.com')],
      }),
      message(T.user, true, {
        changed: [userItem('ann', 'ann@example.com')],
        removed: [{ configurationId: ref('bob') }],
      }),
      message(T.user, true, { added: [userItem('cat', 'cat@example.com')] }),
    ];
    const outcomes = [lean, full].map((mirror) => {
      mirror.startSession();
      return snapshots.map((snapshot) => {
        const { events } = mirror.decide(snapshot);
        mirror.commit(events);
        return events.map((event) => `${event.type} ${event.id} ${event.eventId}`);
      });
    });
    expect(outcomes[0]).toEqual(outcomes[1]);
    expect(outcomes[0]?.map((events) => events.length)).toEqual([2, 1, 1, 1]);
    expect(lean.ids('user').sort()).toEqual(['ann', 'cat']);
    expect(() => lean.current('user')).toThrow(/keeps no user objects/);
  });

  it('reads a workgroup and a skill that lack every optional property with the documented defaults', () => {
    const mirror = given();
    const workgroups = mirror.decide(
      message(T.workgroup, false, {
        added: [{ configurationId: ref('Sales') }, { configurationId: ref('Lobby'), queueType: 'None' }],
      }),
    );
    expect(workgroups.rejections).toEqual([]);
    expect(workgroups.events.map((event) => event.data)).toEqual([
      {
        workgroup: {
          id: 'Sales',
          queueType: 'ACD',
          hasQueue: true,
          isActive: true,
          members: [],
          skills: [],
          wrapUpCodes: [],
        },
      },
      {
        workgroup: {
          id: 'Lobby',
          queueType: 'None',
          hasQueue: false,
          isActive: true,
          members: [],
          skills: [],
          wrapUpCodes: [],
        },
      },
    ]);
    const skills = mirror.decide(message(T.skill, false, { added: [{ configurationId: ref('English') }] }));
    expect(skills.events.map((event) => event.data)).toEqual([
      { skill: { id: 'English', treatAsLanguage: false } },
    ]);
  });

  it('reports each default it applied once per message, with the first item that needed it', () => {
    const decision = given().decide(
      message(T.workgroup, false, {
        added: [
          { ...workgroup('A', []), isActive: undefined },
          { ...workgroup('B', []), isActive: null, skills: undefined },
          workgroup('C', []),
        ],
      }),
    );
    expect(decision.defaults.map(({ kind, property, id }) => [kind, property.path, id])).toEqual([
      ['workgroup', 'configurationId.displayName', 'A'],
      ['workgroup', 'isActive', 'A'],
      ['workgroup', 'skills', 'B'],
    ]);
  });

  it('applies the default again when a delta clears a property with an explicit null', () => {
    const mirror = given(
      message(T.workgroup, false, { added: [{ ...workgroup('Sales', []), isActive: false }] }),
    );
    const decision = mirror.decide(
      message(T.workgroup, true, { changed: [{ configurationId: ref('Sales'), isActive: null }] }),
    );
    expect(decision.events.map((event) => event.data)).toMatchObject([{ workgroup: { isActive: true } }]);
    expect(decision.defaults.map(({ property, id }) => [property.path, id])).toContainEqual([
      'isActive',
      'Sales',
    ]);
  });

  it('treats a re-ordered set as no change', () => {
    const mirror = given(message(T.workgroup, false, { added: [workgroup('Sales', ['a', 'b'])] }));
    mirror.startSession();
    expect(
      mirror.decide(message(T.workgroup, false, { added: [workgroup('Sales', ['b', 'a'])] })).events,
    ).toEqual([]);
  });
});

function workgroup(id: string, members: string[]) {
  return {
    configurationId: ref(id),
    queueType: 'ACD',
    hasQueue: true,
    isActive: true,
    members: members.map((member) => ref(member)),
    skills: [],
    wrapUpCodes: [],
  };
}

function skill(id: string, treatAsLanguage: boolean) {
  return { configurationId: ref(id), treatAsLanguage };
}

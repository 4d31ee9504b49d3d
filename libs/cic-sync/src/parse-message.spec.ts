import { CicMirror } from './cic-mirror';
import { ICWS } from './icws-names';
import type { RejectionReason } from './rejection';

const T = ICWS.messageTypes;
const delta = (type: string, lists: Record<string, unknown>) => ({ __type: type, isDelta: true, ...lists });
const user = (extra: Record<string, unknown>) => ({ configurationId: { id: 'u' }, ...extra });
const wg = (extra: Record<string, unknown>) => ({
  configurationId: { id: 'w' },
  queueType: 'ACD',
  hasQueue: true,
  isActive: true,
  ...extra,
});

// Each row: a malformed message (or a message with one malformed item) and the reason it is skipped for.
const corpus: [string, unknown, RejectionReason][] = [
  ['null', null, 'notAnObject'],
  ['an array', [], 'notAnObject'],
  ['a string', 'hello', 'notAnObject'],
  ['no __type', { isDelta: true }, 'missingType'],
  ['a numeric __type', { __type: 7, isDelta: true }, 'missingType'],
  ['an unknown __type', { __type: 'urn:inin.com:nothing:fooMessage', isDelta: true }, 'unknownType'],
  ['no isDelta', { __type: T.user }, 'invalidIsDelta'],
  ['isDelta as text', { __type: T.user, isDelta: 'true' }, 'invalidIsDelta'],
  ['added not an array', delta(T.user, { added: {} }), 'invalidList'],
  ['an item that is a number', delta(T.user, { added: [42] }), 'itemNotObject'],
  ['an item without configurationId', delta(T.user, { added: [{ id: 'u' }] }), 'missingConfigurationId'],
  ['configurationId as text', delta(T.user, { added: [{ configurationId: 'u' }] }), 'missingConfigurationId'],
  [
    'configurationId without id',
    delta(T.user, { added: [{ configurationId: { displayName: 'U' } }] }),
    'missingId',
  ],
  ['a numeric id', delta(T.user, { added: [{ configurationId: { id: 5 } }] }), 'invalidId'],
  ['an empty id', delta(T.user, { added: [{ configurationId: { id: '' } }] }), 'invalidId'],
  [
    'an id of 300 characters',
    delta(T.user, { added: [{ configurationId: { id: 'x'.repeat(300) } }] }),
    'invalidId',
  ],
  [
    'a numeric display name',
    delta(T.user, { added: [{ configurationId: { id: 'u', displayName: 1 } }] }),
    'invalidProperty',
  ],
  [
    'a numeric email',
    delta(T.user, { added: [user({ personalInformationProperties: { emailAddress: 1 } })] }),
    'invalidProperty',
  ],
  [
    'personal info as text',
    delta(T.user, { added: [user({ personalInformationProperties: 'x' })] }),
    'invalidProperty',
  ],
  [
    'skills not a list',
    delta(T.user, { added: [user({ skills: { actualValue: 'x' } })] }),
    'invalidProperty',
  ],
  [
    'proficiency 150',
    delta(T.user, { added: [user({ skills: { actualValue: [{ id: { id: 's' }, proficiency: 150 }] } })] }),
    'invalidProperty',
  ],
  [
    'a skill without id',
    delta(T.user, { added: [user({ skills: { actualValue: [{ proficiency: 1 }] } })] }),
    'invalidProperty',
  ],
  ['a numeric queue type', delta(T.workgroup, { added: [wg({ queueType: 3 })] }), 'invalidProperty'],
  [
    'a member without id',
    delta(T.workgroup, { added: [wg({ members: [{ displayName: 'x' }] })] }),
    'invalidProperty',
  ],
  ['isActive as text', delta(T.workgroup, { added: [wg({ isActive: 'yes' })] }), 'invalidProperty'],
  [
    'treatAsLanguage as text',
    delta(T.skill, { added: [{ configurationId: { id: 's' }, treatAsLanguage: 'yes' }] }),
    'invalidProperty',
  ],
  [
    'a change to an object never announced',
    delta(T.skill, { changed: [{ configurationId: { id: 'ghost' } }] }),
    'unknownObject',
  ],
  ['a removal without id', delta(T.wrapUpCode, { removed: [{ configurationId: {} }] }), 'missingId'],
];

describe('malformed ICWS input', () => {
  it.each(corpus)('skips %s, with a reason', (_name, raw, reason) => {
    const mirror = new CicMirror((name) => name);
    const decision = mirror.decide(raw);
    expect(decision.events).toEqual([]);
    expect(decision.rejections.map((rejection) => rejection.reason)).toEqual([reason]);
    expect(decision.rejections[0]?.raw).toBeDefined();
  });

  it('still processes the valid items around a malformed one', () => {
    const mirror = new CicMirror((name) => name);
    const decision = mirror.decide(
      delta(T.wrapUpCode, { added: [{ configurationId: { id: 'A' } }, 7, { configurationId: { id: 'B' } }] }),
    );
    expect(decision.events.map((event) => event.id)).toEqual(['A', 'B']);
    expect(decision.rejections).toHaveLength(1);
  });
});

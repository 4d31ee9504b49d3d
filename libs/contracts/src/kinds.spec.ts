import {
  cicKindOf,
  cicKinds,
  cicObjectOf,
  eventDefinitions,
  isCicEvent,
  targetKindOf,
  presenceEvents,
  interactionEvents,
  inboxNotificationEvents,
  targetKinds,
} from './index';

describe('kind registry', () => {
  it('knows every CIC and desired-state event by one kind or as a presence, interaction or inbox fact, and no other event', () => {
    const byKind = [
      ...Object.values(cicKinds).flatMap((kind) => [kind.changed.type, kind.removed.type]),
      ...Object.values(targetKinds).map((kind) => kind.desired.type),
      ...presenceEvents.map((event) => event.type),
      ...interactionEvents.map((event) => event.type),
      ...inboxNotificationEvents.filter((event) => event.stream === 'CIC').map((event) => event.type),
    ];
    const byStream = eventDefinitions
      .filter((d) => d.stream === 'CIC' || d.stream === 'MAPPING')
      .map((d) => d.type);
    expect([...byKind].sort()).toEqual([...byStream].sort());
  });

  it('gives each kind the entity token of its subjects', () => {
    for (const kind of Object.values(cicKinds)) {
      expect(kind.changed.subject).toBe(`cic.${kind.token}.changed`);
      expect(kind.removed.subject).toBe(`cic.${kind.token}.removed`);
    }
    for (const kind of Object.values(targetKinds))
      expect(kind.desired.subject).toBe(`mapping.${kind.token}.desired`);
  });

  it('says which kind and change an event type stands for, former types included', () => {
    expect(cicKindOf('CicWrapUpCodeRemoved')).toEqual({ kind: 'wrapUpCode', change: 'removed' });
    expect(cicKindOf('MappingUserDesired')).toBeUndefined();
    expect(targetKindOf('MappingQueueDesired')).toBe('queue');
    expect(targetKindOf('DesiredLanguageChanged')).toBe('language');
    expect(targetKindOf('CicUserChanged')).toBeUndefined();
    expect(isCicEvent({ type: 'DeadletterMessageRecorded' })).toBe(false);
  });

  it('names the object a CIC event is about', () => {
    expect(cicObjectOf({ type: 'CicSkillRemoved', data: { id: 'English' } })).toEqual({
      kind: 'skill',
      id: 'English',
    });
    expect(
      cicObjectOf({ type: 'CicUserChanged', data: { user: { id: 'John.Smith', phones: {}, skills: [] } } }),
    ).toEqual({ kind: 'user', id: 'John.Smith' });
  });
});

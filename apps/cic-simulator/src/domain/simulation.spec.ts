import { ContactCenter } from './contact-center';
import type { JsonObject } from './json';
import { parseOmittedProperties } from './omitted-properties';
import type { ContactCenterData } from './model';
import { DEFAULT_STATUS_MESSAGES } from './default-status-messages';
import { parseSelect } from './projection';
import type { Session } from './session';
import { Simulation } from './simulation';

const T0 = '2024-01-01T00:00:00.000Z';
const dated = { createdDate: T0, lastModifiedDate: T0 };

function aCenter(): ContactCenterData {
  return {
    users: [
      {
        id: 'anna.oberg',
        displayName: 'Anna Öberg',
        password: 'pw',
        businessEmail: 'anna@example.com',
        phones: {},
        skills: [],
        ...dated,
      },
      { id: 'ben smith', password: 'pw', phones: { mobile: '+1 555' }, skills: [], ...dated },
    ],
    workgroups: [
      {
        id: 'Support.Tier 2',
        displayName: 'Support.Tier 2',
        queueType: 'ACD',
        isActive: true,
        members: ['anna.oberg'],
        skills: [{ skillId: 'Español', proficiency: 80, desireToUse: 0 }],
        wrapUpCodes: ['Resolved'],
        ...dated,
      },
    ],
    skills: [{ id: 'Español', displayName: 'Español', treatAsLanguage: true, ...dated }],
    wrapUpCodes: [{ id: 'Resolved', displayName: 'Resolved', ...dated }],
    statusMessages: [...DEFAULT_STATUS_MESSAGES],
    userStatuses: [],
  };
}

let counter = 0;
function given(data = aCenter()) {
  const simulation = new Simulation(new ContactCenter(data, () => new Date('2025-05-05T10:00:00Z')), {
    withBackup: true,
    clock: () => new Date('2025-05-05T10:00:00Z'),
    newId: () => `id-${++counter}`,
  });
  const session = simulation.server('primary').sessions.create('PureCloudAdmin', 'en-us');
  return { simulation, session };
}

function subscribeAll(
  simulation: Simulation,
  session: Session,
  kind: 'users' | 'workgroups' | 'skills' | 'wrapUpCodes',
) {
  simulation.subscribeConfig(session, {
    kind,
    subscriptionId: `sub-${kind}`,
    ids: '*',
    properties: parseSelect('*'),
  });
}

const ok = { ok: true, value: undefined };

describe('omitted properties', () => {
  it('leave the chosen properties out of snapshots and deltas, and an object they empty with them', () => {
    const { simulation, session } = given();
    const omitted = parseOmittedProperties([
      'workgroups.isActive',
      'users.personalInformationProperties.emailAddress',
    ]);
    if (!omitted.ok) throw new Error(omitted.message);
    simulation.omitProperties(omitted.value);
    subscribeAll(simulation, session, 'workgroups');
    subscribeAll(simulation, session, 'users');
    const [workgroups, users] = session.drain() as [JsonObject, JsonObject];
    const [workgroup] = workgroups['added'] as [JsonObject];
    expect(workgroup).not.toHaveProperty('isActive');
    expect(workgroup).toHaveProperty('queueType', 'ACD');
    const [anna] = users['added'] as [JsonObject];
    expect(anna).not.toHaveProperty('personalInformationProperties');
    simulation.change([{ kind: 'workgroups', id: 'Support.Tier 2' }], () =>
      simulation.center.changeWorkgroup('Support.Tier 2', { isActive: false }),
    );
    const [delta] = session.drain() as [JsonObject];
    const [changed] = delta['changed'] as [JsonObject];
    expect(changed).toHaveProperty('lastModifiedDate');
    expect(changed).not.toHaveProperty('isActive');
  });

  it('refuse an unknown object type, a bare type and configurationId', () => {
    expect(parseOmittedProperties(['queues.isActive']).ok).toBe(false);
    expect(parseOmittedProperties(['workgroups']).ok).toBe(false);
    expect(parseOmittedProperties(['users.configurationId.displayName']).ok).toBe(false);
    expect(parseOmittedProperties([' skills.treatAsLanguage ', '']).ok).toBe(true);
  });
});

describe('configuration subscriptions', () => {
  it('start with a full snapshot, isDelta false', () => {
    const { simulation, session } = given();
    simulation.subscribeConfig(session, {
      kind: 'users',
      subscriptionId: 's1',
      ids: '*',
      properties: parseSelect('personalInformationProperties.emailAddress'),
    });
    expect(session.drain()).toEqual([
      {
        __type: 'urn:inin.com:configuration.people:usersMessage',
        isDelta: false,
        subscriptionId: 's1',
        added: [
          {
            configurationId: {
              id: 'anna.oberg',
              displayName: 'Anna Öberg',
              uri: '/configuration/users/anna.oberg',
            },
            personalInformationProperties: { emailAddress: 'anna@example.com' },
          },
          { configurationId: { id: 'ben smith', uri: '/configuration/users/ben%20smith' } },
        ],
        changed: [],
        removed: [],
      },
    ]);
  });

  it('send a cleared business email as an explicit null', () => {
    const { simulation, session } = given();
    subscribeAll(simulation, session, 'users');
    session.drain();
    expect(
      simulation.change([{ kind: 'users', id: 'anna.oberg' }], () =>
        simulation.center.changeUser('anna.oberg', { businessEmail: null }),
      ),
    ).toEqual(ok);
    const [message] = session.drain() as [JsonObject];
    expect(message).toMatchObject({ isDelta: true, added: [], removed: [] });
    expect(message['changed']).toEqual([
      {
        configurationId: {
          id: 'anna.oberg',
          displayName: 'Anna Öberg',
          uri: '/configuration/users/anna.oberg',
        },
        personalInformationProperties: null,
        lastModifiedDate: '20250505T100000Z',
      },
    ]);
  });

  it('tell users and workgroups subscribers when a member joins', () => {
    const { simulation, session } = given();
    subscribeAll(simulation, session, 'users');
    subscribeAll(simulation, session, 'workgroups');
    session.drain();
    simulation.change(
      [
        { kind: 'workgroups', id: 'Support.Tier 2' },
        { kind: 'users', id: 'ben smith' },
      ],
      () => simulation.center.addMember('support.tier 2', 'BEN SMITH'),
    );
    const messages = session.drain();
    const users = messages.find((m) => m['__type'] === 'urn:inin.com:configuration.people:usersMessage');
    const workgroups = messages.find(
      (m) => m['__type'] === 'urn:inin.com:configuration.people:workgroupsMessage',
    );
    expect(users?.['changed']).toEqual([
      expect.objectContaining({
        workgroups: [
          {
            id: 'Support.Tier 2',
            displayName: 'Support.Tier 2',
            uri: '/configuration/workgroups/Support.Tier%202',
          },
        ],
        skills: {
          actualValue: [],
          effectiveValue: [
            {
              id: { id: 'Español', displayName: 'Español', uri: '/configuration/skills/Espa%C3%B1ol' },
              proficiency: 80,
              desireToUse: 0,
            },
          ],
        },
      }),
    ]);
    expect(workgroups?.['changed']).toEqual([
      expect.objectContaining({
        members: [
          { id: 'anna.oberg', displayName: 'Anna Öberg', uri: '/configuration/users/anna.oberg' },
          { id: 'ben smith', uri: '/configuration/users/ben%20smith' },
        ],
      }),
    ]);
  });

  it('report a deleted skill as removed, and its holders as changed', () => {
    const { simulation, session } = given();
    subscribeAll(simulation, session, 'skills');
    subscribeAll(simulation, session, 'workgroups');
    session.drain();
    simulation.change([{ kind: 'skills', id: 'español' }], () => simulation.center.removeSkill('español'));
    const messages = session.drain();
    expect(
      messages.map((m) => [
        m['__type'],
        (m['added'] as []).length,
        (m['changed'] as []).length,
        (m['removed'] as []).length,
      ]),
    ).toEqual([
      ['urn:inin.com:configuration.people:workgroupsMessage', 0, 1, 0],
      ['urn:inin.com:configuration.people:skillsMessage', 0, 0, 1],
    ]);
    expect(messages[1]?.['removed']).toEqual([
      {
        configurationId: { id: 'Español', displayName: 'Español', uri: '/configuration/skills/Espa%C3%B1ol' },
      },
    ]);
  });

  it('hear only the objects and properties they asked for', () => {
    const { simulation, session } = given();
    simulation.subscribeConfig(session, {
      kind: 'users',
      subscriptionId: 's',
      ids: new Set(['ben smith']),
      properties: parseSelect('extension'),
    });
    session.drain();
    simulation.change([{ kind: 'users', id: 'anna.oberg' }], () =>
      simulation.center.changeUser('anna.oberg', { extension: '9' }),
    );
    simulation.change([{ kind: 'users', id: 'ben smith' }], () =>
      simulation.center.changeUser('ben smith', { title: 'Agent' }),
    );
    expect(session.drain()).toEqual([]);
    simulation.change([{ kind: 'users', id: 'ben smith' }], () =>
      simulation.center.addUser({ id: 'x', password: 'p', phones: {}, skills: [], ...dated }),
    );
    expect(session.drain()).toEqual([]);
  });

  it('stop after unsubscribing', () => {
    const { simulation, session } = given();
    subscribeAll(simulation, session, 'wrapUpCodes');
    expect(simulation.unsubscribeConfig(session, 'wrapUpCodes', 'sub-wrapUpCodes')).toBe(true);
    session.drain();
    simulation.change([{ kind: 'wrapUpCodes', id: 'New' }], () =>
      simulation.center.addWrapUpCode({ id: 'New', ...dated }),
    );
    expect(session.drain()).toEqual([]);
  });

  it('refuse a change that breaks a reference, and publish nothing', () => {
    const { simulation, session } = given();
    subscribeAll(simulation, session, 'workgroups');
    session.drain();
    const outcome = simulation.change([{ kind: 'workgroups', id: 'Support.Tier 2' }], () =>
      simulation.center.changeWorkgroup('Support.Tier 2', { wrapUpCodes: ['Nope'] }),
    );
    expect(outcome).toMatchObject({ ok: false, error: 'invalid' });
    expect(session.drain()).toEqual([]);
  });
});

describe('user statuses', () => {
  it('snapshot the subscribed users, then send each change', () => {
    const { simulation, session } = given();
    simulation.subscribeUserStatuses(session, ['anna.oberg']);
    expect(session.drain()).toEqual([
      { __type: 'urn:inin.com:status:userStatusMessage', isDelta: false, userStatusList: [] },
    ]);
    expect(simulation.setUserStatus('ANNA.OBERG', { statusId: 'at lunch' }).ok).toBe(true);
    simulation.setUserStatus('ben smith', { statusId: 'Available' });
    expect(session.drain()).toEqual([
      {
        __type: 'urn:inin.com:status:userStatusMessage',
        isDelta: true,
        userStatusList: [
          expect.objectContaining({
            userId: 'anna.oberg',
            statusId: 'At Lunch',
            statusChanged: '20250505T100000Z',
            loggedIn: true,
          }),
        ],
      },
    ]);
    expect(simulation.setUserStatus('anna.oberg', { statusId: 'Sleeping' })).toMatchObject({
      ok: false,
      error: 'invalid',
    });
  });

  it('send a batch of changes as one message per session, holding only the users it covers', () => {
    const { simulation, session } = given();
    const other = simulation.server('backup').sessions.create('PureCloudAdmin', 'en-us');
    simulation.subscribeUserStatuses(session, ['anna.oberg', 'ben smith']);
    simulation.subscribeUserStatuses(other, ['ben smith']);
    session.drain();
    other.drain();
    const outcomes = simulation.setUserStatuses([
      { userId: 'anna.oberg', change: { statusId: 'Available', onPhone: true } },
      { userId: 'nobody', change: { statusId: 'Available' } },
      { userId: 'ben smith', change: { statusId: 'Gone Home', loggedIn: false } },
    ]);
    expect(outcomes.map((outcome) => outcome.ok)).toEqual([true, false, true]);
    const ids = (messages: JsonObject[]) =>
      messages.map((message) =>
        (message['userStatusList'] as JsonObject[]).map((status) => [status['userId'], status['onPhone']]),
      );
    expect(ids(session.drain())).toEqual([
      [
        ['anna.oberg', true],
        ['ben smith', false],
      ],
    ]);
    expect(ids(other.drain())).toEqual([[['ben smith', false]]]);
  });

  it('carry "until" only for a status that can have a date or time', () => {
    const { simulation, session } = given();
    simulation.subscribeUserStatuses(session, ['anna.oberg']);
    session.drain();
    simulation.setUserStatus('anna.oberg', { statusId: 'out of town', until: '2025-05-09T17:00:00.000Z' });
    expect(session.drain()[0]?.['userStatusList']).toEqual([
      expect.objectContaining({
        statusId: 'Out of Town',
        userStatusUntil: {
          __type: 'urn:inin.com:status:userStatusUntil',
          untilDateTime: '20250509T170000Z',
          hasDate: true,
          hasTime: false,
        },
      }),
    ]);
    expect(
      simulation.setUserStatus('anna.oberg', { statusId: 'At Lunch', until: '2025-05-09T17:00:00.000Z' }),
    ).toMatchObject({ ok: false, message: 'until: status At Lunch has neither a date nor a time' });
  });
});

describe('switchover', () => {
  it('moves service to the backup and drops the sessions of the server that went down', () => {
    const { simulation, session } = given();
    const closed = jest.fn();
    session.onClose(closed);
    expect(simulation.primaryDown()).toEqual({ ok: true, value: 'backup' });
    expect(closed).toHaveBeenCalled();
    expect(simulation.server('primary').sessions.get(session.id)).toBeUndefined();
    expect(simulation.primaryUp()).toEqual({ ok: true, value: 'backup' });
    expect(simulation.switchover()).toEqual({ ok: true, value: 'primary' });
  });
});

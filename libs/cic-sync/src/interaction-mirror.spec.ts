import { ICWS } from './icws-names';
import { CicInteractionMirror, type CicInteractionFact } from './interaction-mirror';

const A = ICWS.interaction;
const Q = ICWS.queues;
const uuid = (name: string) => name;

/** ICWS attributes of a call as a queue watch shows it; `at` is the second of the state change. */
function call(state: string, at: number, extra: Record<string, string> = {}) {
  return {
    [A.objectType]: 'Call',
    [A.callDirection]: 'I',
    [A.state]: state,
    [A.stateChangeTime]: `20261201T1200${String(at).padStart(2, '0')}.250Z`,
    [A.workgroupName]: 'Sales',
    [A.userName]: '',
    [A.remoteAddress]: '+13175550101',
    [A.initiationTime]: '20261201T120000.000Z',
    [A.acdSkills]: 'French',
    ...extra,
  };
}

const message = (isDelta: boolean, attributes: Record<string, string>, id = '1001') => ({
  __type: Q.messageType,
  isDelta,
  [Q.interactionsChanged]: [{ [Q.interactionId]: id, [Q.attributes]: attributes }],
});

function feed(mirror: CicInteractionMirror, ...messages: unknown[]): CicInteractionFact[] {
  const events: CicInteractionFact[] = [];
  for (const raw of messages) {
    const decision = mirror.decide(raw);
    expect(decision.rejections).toEqual([]);
    mirror.commit(decision.events);
    events.push(...decision.events);
  }
  return events;
}

const agent = { [A.userName]: 'Ann.Agent' };
const life = [
  message(false, call('O', 0)),
  message(true, call('A', 5, agent)),
  message(true, call('C', 8, { ...agent, [A.connectTime]: '20261201T120008.250Z' })),
  message(true, call('H', 20, agent)),
  message(true, call('C', 30, agent)),
  message(
    true,
    call('E', 40, {
      ...agent,
      [A.terminationTime]: '20261201T120040.250Z',
      [A.acwStartTime]: '20261201T120040.250Z',
    }),
  ),
  message(true, call('E', 40, { ...agent, [A.acwEndTime]: '20261201T120055.000Z', [A.wrapUpCode]: 'Sale' })),
];

describe('CicInteractionMirror', () => {
  it('records each change of a life once, with the whole interaction after it', () => {
    const events = feed(new CicInteractionMirror(uuid), ...life);
    expect(events.map((event) => event.type)).toEqual([
      'CicInteractionStarted',
      'CicInteractionAlerted',
      'CicInteractionAnswered',
      'CicInteractionHeld',
      'CicInteractionRetrieved',
      'CicInteractionDisconnected',
      'CicInteractionWrappedUp',
    ]);
    expect(events.at(-1)?.data.interaction).toEqual({
      interactionId: '1001',
      mediaType: 'call',
      direction: 'inbound',
      state: 'ended',
      remoteAddress: '+13175550101',
      initiatedAt: '2026-12-01T12:00:00.000Z',
      disconnectedAt: '2026-12-01T12:00:40.250Z',
      disconnectedBy: 'remote',
      segments: [
        {
          workgroupId: 'Sales',
          enteredQueueAt: '2026-12-01T12:00:00.000Z',
          skills: ['French'],
          userId: 'Ann.Agent',
          alertingAt: '2026-12-01T12:00:05.250Z',
          answeredAt: '2026-12-01T12:00:08.250Z',
          holds: [{ startedAt: '2026-12-01T12:00:20.250Z', endedAt: '2026-12-01T12:00:30.250Z' }],
          endedAt: '2026-12-01T12:00:40.250Z',
          end: { kind: 'disconnected' },
          afterCallWork: { startedAt: '2026-12-01T12:00:40.250Z', endedAt: '2026-12-01T12:00:55.000Z' },
          wrapUpCode: 'Sale',
        },
      ],
    });
    expect(new Set(events.map((event) => event.eventId)).size).toBe(events.length);
  });

  it('records what a reconnect missed, in order, and nothing twice after a restart from the log', () => {
    const first = new CicInteractionMirror(uuid);
    const before = feed(first, ...life.slice(0, 2));
    const restarted = new CicInteractionMirror(uuid);
    before.forEach((event) => restarted.replay({ id: event.eventId, type: event.type, data: event.data }));
    restarted.startSession();
    const after = feed(restarted, { ...(life[5] as object), isDelta: false }, life[6]);
    expect(after.map((event) => event.type)).toEqual([
      'CicInteractionAnswered',
      'CicInteractionDisconnected',
      'CicInteractionWrappedUp',
    ]);
    const whole = feed(new CicInteractionMirror(uuid), ...life);
    expect(after.map((event) => event.eventId)).toEqual(
      whole.filter((event) => after.some((a) => a.type === event.type)).map((event) => event.eventId),
    );
    expect(feed(restarted, { ...(life[6] as object), isDelta: false })).toEqual([]);
  });

  it('records nothing for an ended interaction its queue still shows, and forgets it once CIC removes it', () => {
    const mirror = new CicInteractionMirror(uuid);
    feed(mirror, ...life);

    expect(feed(mirror, life[6])).toEqual([]);
    expect(mirror.endedShown).toBe(1);

    feed(mirror, { __type: Q.messageType, isDelta: true, [Q.interactionsRemoved]: ['1001'] });
    expect(mirror.endedShown).toBe(0);
  });

  it('forgets an ended interaction a snapshot no longer shows, its removal missed while no session watched', () => {
    const mirror = new CicInteractionMirror(uuid);
    feed(mirror, ...life);
    mirror.startSession();

    expect(feed(mirror, { ...(life[6] as object), isDelta: false })).toEqual([]);
    expect(mirror.endedShown).toBe(1);

    mirror.startSession();
    const other = feed(mirror, message(false, call('O', 50), '1002'));
    expect(other.map((event) => event.interactionId)).toEqual(['1002']);
    expect(mirror.endedShown).toBe(0);
  });

  it('starts a new segment on a transfer to a user and on one to another workgroup', () => {
    const events = feed(
      new CicInteractionMirror(uuid),
      ...life.slice(0, 3),
      message(true, call('A', 12, { [A.userName]: 'Bob.Agent' })),
      message(true, call('C', 14, { [A.userName]: 'Bob.Agent' })),
      message(true, call('O', 16, { [A.workgroupName]: 'Support' })),
    );
    const last = events.at(-1)?.data.interaction;
    expect(events.filter((event) => event.type === 'CicInteractionTransferred')).toHaveLength(2);
    expect(last?.segments.map((segment) => [segment.workgroupId, segment.userId, segment.end])).toEqual([
      ['Sales', 'Ann.Agent', { kind: 'transferredToUser', userId: 'Bob.Agent' }],
      ['Sales', 'Bob.Agent', { kind: 'transferredToWorkgroup', workgroupId: 'Support' }],
      ['Support', undefined, undefined],
    ]);
    expect(last?.segments[2]?.enteredQueueAt).toBe('2026-12-01T12:00:16.250Z');
  });

  it("records who joined the agent's conference and when they left, the hang-up ending those still on it", () => {
    const connected = { ...agent, [A.connectTime]: '20261201T120008.250Z' };
    const events = feed(
      new CicInteractionMirror(uuid),
      ...life.slice(0, 3),
      message(true, call('C', 12, { ...connected, [A.conferenceMembers]: 'Bob.Agent' })),
      message(true, call('C', 14, { ...connected, [A.conferenceMembers]: 'Bob.Agent|Cy.Agent' })),
      message(true, call('C', 16, { ...connected, [A.conferenceMembers]: 'Cy.Agent' })),
      message(true, call('I', 30, { ...connected, [A.terminationTime]: '20261201T120030.250Z' })),
    );
    expect(events.map((event) => event.type).slice(3)).toEqual([
      'CicInteractionConferenceChanged',
      'CicInteractionConferenceChanged',
      'CicInteractionConferenceChanged',
      'CicInteractionDisconnected',
    ]);
    expect(new Set(events.map((event) => event.eventId)).size).toBe(events.length);
    expect(events.at(-1)?.data.interaction.segments[0]?.conferees).toEqual([
      { userId: 'Bob.Agent', joinedAt: '2026-12-01T12:00:12.250Z', leftAt: '2026-12-01T12:00:16.250Z' },
      { userId: 'Cy.Agent', joinedAt: '2026-12-01T12:00:14.250Z', leftAt: '2026-12-01T12:00:30.250Z' },
    ]);
  });

  it('records an abandon in queue as ended, with no after-call work', () => {
    const events = feed(
      new CicInteractionMirror(uuid),
      life[0],
      message(true, call('E', 30, { [A.terminationTime]: '20261201T120030.000Z' })),
    );
    const last = events.at(-1)?.data.interaction;
    expect(last?.state).toBe('ended');
    expect(last?.segments[0]?.end).toEqual({ kind: 'abandoned' });
  });

  it('rejects an item with a malformed attribute and names it', () => {
    const decision = new CicInteractionMirror(uuid).decide(message(false, call('Z', 0)));
    expect(decision.events).toEqual([]);
    expect(decision.rejections[0]?.detail).toMatch(/Eic_State/);
  });
});

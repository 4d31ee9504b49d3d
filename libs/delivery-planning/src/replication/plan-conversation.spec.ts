import type { DesiredConversation } from '@bridge/contracts';
import type { Resolved } from '../presence/plan-presence';
import { planConversation, type ConversationContext } from './plan-conversation';

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const at = (second: number) => `2026-12-01T12:00:${String(second).padStart(2, '0')}.000Z`;

const call: DesiredConversation = {
  interactionId: '1001',
  conversationId: id(100),
  mediaType: 'call',
  channel: 'voice',
  complete: true,
  events: [
    {
      kind: 'routingEstablished',
      eventId: id(1),
      eventDateTime: at(0),
      communicationId: id(50),
      workgroupKey: 'Sales',
      skillKeys: ['French'],
      inbound: true,
      ani: '+1317',
      dnis: '+1800',
    },
    {
      kind: 'communicationEnded',
      eventId: id(2),
      eventDateTime: at(8),
      communicationId: id(50),
      disconnectType: 'Transfer',
    },
    {
      kind: 'userEstablished',
      eventId: id(3),
      eventDateTime: at(5),
      communicationId: id(51),
      userKey: 'Ann',
      workgroupKey: 'Sales',
      inbound: true,
      alerting: true,
    },
    { kind: 'communicationAnswered', eventId: id(4), eventDateTime: at(8), communicationId: id(51) },
    {
      kind: 'communicationEnded',
      eventId: id(5),
      eventDateTime: at(40),
      communicationId: id(51),
      disconnectType: 'Peer',
    },
    {
      kind: 'dispositionApplied',
      eventId: id(6),
      eventDateTime: at(55),
      communicationId: id(51),
      wrapUpCodeKey: 'Sale',
    },
  ],
};

const synced: Record<string, string> = {
  'queue:Sales': 'q-1',
  'skill:French': 's-1',
  'user:Ann': 'u-1',
  'wrapUpCode:Sale': 'w-1',
};

/** `known` maps a reference to its Genesys id; `''` is one on its way, absent one that will not come. */
function context(overrides: Partial<ConversationContext> = {}, known = synced): ConversationContext {
  return {
    sourceId: 'source-1',
    settled: new Set(),
    skipped: new Set(),
    waitOver: false,
    resolve: (kind, key): Resolved => {
      const genesysId = known[`${kind}:${key}`];
      if (genesysId === undefined) return 'missing';
      return genesysId ? { id: genesysId } : 'pending';
    },
    ...overrides,
  };
}

describe('planConversation', () => {
  it('sends every event in its array, with Genesys ids, the source and the interaction', () => {
    const plan = planConversation(call, context());
    if (plan.type !== 'send') throw new Error(plan.type);
    expect(plan.calls.map((c) => c.array)).toEqual([
      'routingEstablishedEvents',
      'communicationEndedEvents',
      'userEstablishedEvents',
      'communicationAnsweredEvents',
      'communicationEndedEvents',
      'communicationDispositionAppliedEvents',
    ]);
    expect(plan.calls[0]?.event).toEqual({
      eventId: id(1),
      eventDateTime: at(0),
      conversationId: id(100),
      communicationId: id(50),
      queueId: 'q-1',
      skillIds: ['s-1'],
      ani: '+1317',
      dnis: '+1800',
      initialConfiguration: { inbound: true, alerting: true, additionalInfo: { mediaType: 'call' } },
      sourceConfiguration: { sourceId: 'source-1', interactionId: '1001' },
    });
    expect(plan.calls[5]?.event).toMatchObject({ code: 'w-1' });
  });

  it('sends nothing already accepted: a retry or a replay adds no event', () => {
    expect(planConversation(call, context({ settled: new Set(call.events.map((e) => e.eventId)) }))).toEqual({
      type: 'none',
    });
    const plan = planConversation(call, context({ settled: new Set([id(1), id(2), id(3)]) }));
    expect(plan.type === 'send' && plan.calls.map((c) => c.eventId)).toEqual([id(4), id(5), id(6)]);
  });

  it('waits, within its bound, for an agent not synced yet, then goes without the agent communication', () => {
    const withoutAnn = { ...synced, 'user:Ann': '' };
    expect(planConversation(call, context({}, withoutAnn))).toEqual({
      type: 'wait',
      reasons: ['user Ann is not synced'],
    });
    const plan = planConversation(call, context({ waitOver: true }, withoutAnn));
    if (plan.type !== 'send') throw new Error(plan.type);
    expect(plan.calls.map((c) => c.eventId)).toEqual([id(1), id(2)]);
    expect(plan.skipped).toEqual([id(3), id(4), id(5), id(6)]);
    expect(plan.reasons).toEqual(['user Ann is not synced']);
  });

  it('does not wait for an agent that will not come: nothing on its way, it goes at once without them', () => {
    const { ['user:Ann']: _ann, ...withoutAnn } = synced;
    const plan = planConversation(call, context({}, withoutAnn));
    if (plan.type !== 'send') throw new Error(plan.type);
    expect(plan.calls.map((c) => c.eventId)).toEqual([id(1), id(2)]);
    expect(plan.reasons).toEqual(['user Ann is not synced']);
  });

  it('sends a disposition without its code when the wrap-up code is not synced, after the wait', () => {
    const plan = planConversation(call, context({ waitOver: true }, { ...synced, 'wrapUpCode:Sale': '' }));
    if (plan.type !== 'send') throw new Error(plan.type);
    expect(plan.calls[5]?.event).not.toHaveProperty('code');
    expect(plan.reasons).toEqual(['wrapUpCode Sale is not synced']);
  });

  it('puts an email on the email arrays with the addresses its model requires', () => {
    const email: DesiredConversation = { ...call, mediaType: 'email', channel: 'email' };
    const plan = planConversation(email, context());
    if (plan.type !== 'send') throw new Error(plan.type);
    expect(plan.calls[0]?.array).toBe('emailRoutingEstablishedEvents');
    expect(plan.calls[0]?.event).toMatchObject({
      initialConfiguration: { inbound: true, from: '+1317', to: '+1800' },
    });
    expect(plan.calls[0]?.event).not.toHaveProperty('ani');
  });

  it("sends the customer's communication with their number and name, voice and email alike", () => {
    const customer: DesiredConversation['events'][number] = {
      kind: 'externalEstablished',
      eventId: id(7),
      eventDateTime: at(0),
      communicationId: id(52),
      inbound: true,
      ani: '+1317',
      dnis: '+1800',
      remoteName: 'Ada Lovelace',
    };
    const voice = planConversation({ ...call, events: [customer] }, context({}, {}));
    expect(voice).toEqual({
      type: 'send',
      calls: [
        {
          array: 'externalEstablishedEvents',
          eventId: id(7),
          event: {
            eventId: id(7),
            eventDateTime: at(0),
            conversationId: id(100),
            communicationId: id(52),
            ani: '+1317',
            dnis: '+1800',
            aniName: 'Ada Lovelace',
            initialConfiguration: { inbound: true, alerting: false, additionalInfo: { mediaType: 'call' } },
            sourceConfiguration: { sourceId: 'source-1', interactionId: '1001' },
          },
        },
      ],
      skipped: [],
      reasons: [],
    });
    const email = planConversation(
      { ...call, mediaType: 'email', channel: 'email', events: [customer] },
      context({}, {}),
    );
    if (email.type !== 'send') throw new Error(email.type);
    expect(email.calls[0]?.array).toBe('emailExternalEstablishedEvents');
    expect(email.calls[0]?.event).toMatchObject({
      displayName: 'Ada Lovelace',
      initialConfiguration: { inbound: true, from: '+1317', to: '+1800' },
    });
  });
});

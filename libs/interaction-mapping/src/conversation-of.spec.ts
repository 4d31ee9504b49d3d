import type { CicInteraction, CicSegment, DesiredConversationEvent } from '@bridge/contracts';
import { conversationOf } from './conversation-of';

/** Names as ids: readable in the expectations, and deterministic like the real stableUuid. */
const uuid = (name: string) => name;
const at = (second: number) => `2026-12-01T12:00:${String(second).padStart(2, '0')}.000Z`;

const answered: CicSegment = {
  workgroupId: 'Sales',
  enteredQueueAt: at(0),
  skills: ['French'],
  userId: 'Ann',
  alertingAt: at(5),
  answeredAt: at(8),
  holds: [],
};

function aCall(segments: CicSegment[], overrides: Partial<CicInteraction> = {}): CicInteraction {
  return {
    interactionId: '1001',
    mediaType: 'call',
    direction: 'inbound',
    state: 'connected',
    remoteAddress: '+13175550101',
    localAddress: '+13175550000',
    initiatedAt: at(0),
    segments,
    ...overrides,
  };
}

const ended = (segment: CicSegment, second = 40): CicSegment => ({
  ...segment,
  endedAt: at(second),
  end: segment.answeredAt ? { kind: 'disconnected' } : { kind: 'abandoned' },
});

/** `<kind> <communication party> <time> <detail>` per event: what a reader of Genesys would check. */
const summary = (events: readonly DesiredConversationEvent[]) =>
  events.map((event) => {
    const party = event.communicationId.split(':').slice(2).join(':');
    const detail =
      event.kind === 'communicationEnded'
        ? event.disconnectType
        : event.kind === 'holdUpdated'
          ? String(event.held)
          : event.kind === 'dispositionApplied'
            ? event.wrapUpCodeKey
            : event.kind === 'routingEstablished'
              ? event.workgroupKey
              : event.kind === 'userEstablished'
                ? event.userKey
                : '';
    return `${event.kind} ${party} ${event.eventDateTime.slice(17, 19)} ${detail}`.trim();
  });

describe('conversationOf', () => {
  it('replicates an answered call with a hold, its after-call work and wrap-up code', () => {
    const segment: CicSegment = {
      ...ended({ ...answered, holds: [{ startedAt: at(20), endedAt: at(30) }] }),
      afterCallWork: { startedAt: at(40), endedAt: at(55) },
      wrapUpCode: 'Sale',
    };
    const conversation = conversationOf(
      aCall([segment], { state: 'ended', disconnectedAt: at(40), disconnectedBy: 'remote' }),
      uuid,
    );
    expect(summary(conversation.events)).toEqual([
      'externalEstablished external 00',
      'routingEstablished 0:acd 00 Sales',
      'communicationEnded 0:acd 08 Transfer',
      'userEstablished 0:agent 05 Ann',
      'communicationAnswered 0:agent 08',
      'holdUpdated 0:agent 20 true',
      'holdUpdated 0:agent 30 false',
      'communicationEnded 0:agent 40 Peer',
      'communicationEnded external 40 Self',
      'dispositionApplied 0:agent 55 Sale',
    ]);
    expect(conversation).toMatchObject({
      conversationId: 'conversation:1001',
      channel: 'voice',
      complete: true,
      disconnectedAt: at(40),
    });
    expect(conversation.events[0]).toMatchObject({
      inbound: true,
      ani: '+13175550101',
      dnis: '+13175550000',
    });
    expect(conversation.events[1]).toMatchObject({
      skillKeys: ['French'],
      ani: '+13175550101',
      dnis: '+13175550000',
    });
  });

  it.each([
    ['local', 'Self'],
    ['remote', 'Peer'],
    ['system', 'System'],
  ] as const)('ends the agent communication of a call disconnected by %s with %s', (by, type) => {
    const events = conversationOf(
      aCall([ended(answered)], { state: 'ended', disconnectedBy: by }),
      uuid,
    ).events;
    expect(events.at(-1)).toMatchObject({ kind: 'communicationEnded', disconnectType: type });
  });

  it.each([
    ['local', 'Peer'],
    ['remote', 'Self'],
    ['system', 'System'],
  ] as const)(
    "ends the customer's communication of a call disconnected by %s with %s, as the customer saw it",
    (by, type) => {
      const conversation = conversationOf(
        aCall([ended(answered)], { state: 'ended', disconnectedAt: at(40), disconnectedBy: by }),
        uuid,
      );
      expect(conversation.events.at(-1)).toMatchObject({
        kind: 'communicationEnded',
        communicationId: 'communication:1001:external',
        eventDateTime: at(40),
        disconnectType: type,
      });
    },
  );

  it('names the customer on their communication, the same from the first event to the last', () => {
    const live = conversationOf(aCall([answered], { remoteName: 'Ada Lovelace' }), uuid);
    expect(live.events[0]).toMatchObject({ kind: 'externalEstablished', remoteName: 'Ada Lovelace' });
    expect(live.events.filter((event) => event.communicationId.endsWith(':external'))).toHaveLength(1);
  });

  it('ends a transfer to a user with TransferUser and opens the next agent communication', () => {
    const first: CicSegment = {
      ...answered,
      endedAt: at(20),
      end: { kind: 'transferredToUser', userId: 'Bob' },
    };
    const second: CicSegment = {
      workgroupId: 'Sales',
      skills: [],
      userId: 'Bob',
      alertingAt: at(20),
      answeredAt: at(22),
      holds: [],
    };
    expect(summary(conversationOf(aCall([first, second]), uuid).events).slice(5)).toEqual([
      'communicationEnded 0:agent 20 TransferUser',
      'userEstablished 1:agent 20 Bob',
      'communicationAnswered 1:agent 22',
    ]);
  });

  it('ends a transfer to a workgroup with TransferACD and routes the next segment to its queue', () => {
    const first: CicSegment = {
      ...answered,
      endedAt: at(20),
      end: { kind: 'transferredToWorkgroup', workgroupId: 'Support' },
    };
    const second: CicSegment = { workgroupId: 'Support', enteredQueueAt: at(20), skills: [], holds: [] };
    expect(
      summary(conversationOf(aCall([first, second], { state: 'queued' }), uuid).events).slice(5),
    ).toEqual(['communicationEnded 0:agent 20 TransferACD', 'routingEstablished 1:acd 20 Support']);
  });

  it('gives each conferenced user a communication of their own, ended when they left or with the call', () => {
    const segment: CicSegment = {
      ...ended(answered, 40),
      conferees: [
        { userId: 'Bob', joinedAt: at(12), leftAt: at(16) },
        { userId: 'Cy', joinedAt: at(14), leftAt: at(40) },
      ],
    };
    const conversation = conversationOf(
      aCall([segment], { state: 'ended', disconnectedAt: at(40), disconnectedBy: 'remote' }),
      uuid,
    );
    expect(summary(conversation.events).filter((line) => line.includes('conference'))).toEqual([
      'userEstablished 0:conference:0 12 Bob',
      'communicationAnswered 0:conference:0 12',
      'communicationEnded 0:conference:0 16 Self',
      'userEstablished 0:conference:1 14 Cy',
      'communicationAnswered 0:conference:1 14',
      'communicationEnded 0:conference:1 40 Peer',
    ]);
    expect(
      conversation.events.find((event) => event.kind === 'userEstablished' && event.userKey === 'Bob'),
    ).toMatchObject({
      alerting: false,
      workgroupKey: 'Sales',
    });
  });

  it('replicates an abandon in queue as the ACD communication ended by the customer, with no agent', () => {
    const abandoned = ended({ workgroupId: 'Sales', enteredQueueAt: at(0), skills: [], holds: [] }, 30);
    const conversation = conversationOf(
      aCall([abandoned], { state: 'ended', disconnectedAt: at(30), disconnectedBy: 'remote' }),
      uuid,
    );
    expect(summary(conversation.events)).toEqual([
      'externalEstablished external 00',
      'routingEstablished 0:acd 00 Sales',
      'communicationEnded 0:acd 30 Peer',
      'communicationEnded external 30 Self',
    ]);
  });

  it('keeps every earlier event, ids and content, as the interaction goes on', () => {
    const before = conversationOf(
      aCall([{ ...answered, holds: [{ startedAt: at(20) }] }], { state: 'held' }),
      uuid,
    );
    const after = conversationOf(
      aCall([ended({ ...answered, holds: [{ startedAt: at(20), endedAt: at(30) }] })], {
        state: 'ended',
        disconnectedBy: 'local',
      }),
      uuid,
    );
    expect(after.events.slice(0, before.events.length)).toEqual(before.events);
    expect(new Set(after.events.map((event) => event.eventId)).size).toBe(after.events.length);
  });

  it('carries an email on the email events and an outbound call with its numbers the other way round', () => {
    expect(conversationOf(aCall([answered], { mediaType: 'email' }), uuid).channel).toBe('email');
    const outbound = conversationOf(
      aCall([{ workgroupId: 'Sales', skills: [], userId: 'Ann', alertingAt: at(0), holds: [] }], {
        direction: 'outbound',
      }),
      uuid,
    );
    expect(outbound.events).toEqual([
      expect.objectContaining({ kind: 'externalEstablished', inbound: false, dnis: '+13175550101' }),
      expect.objectContaining({
        kind: 'userEstablished',
        inbound: false,
        ani: '+13175550000',
        dnis: '+13175550101',
      }),
    ]);
  });
});

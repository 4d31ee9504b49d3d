import type { CicCenter, GenesysDump } from './expected-org';

/** One step the CIC simulator's traffic took, as `GET /sim/traffic?interactions=true` lists it. */
export interface TakenStep {
  kind: string;
  at: string;
  mediaType?: string;
  direction?: string;
  workgroupId?: string;
  userId?: string;
  by?: 'local' | 'remote';
  afterCallWork?: boolean;
  wrapUpCode?: string;
}

export interface MadeInteraction {
  interactionId: string;
  steps: TakenStep[];
}

/** One conversation event as the Genesys simulator keeps it. */
export interface ConversationEvent {
  array: string;
  /** When the Genesys simulator took it. */
  receivedAt: string;
  event: Record<string, unknown> & { eventDateTime: string };
}

export interface GenesysConversation {
  conversationId: string;
  interactionId?: string;
  mediaType?: string;
  events: ConversationEvent[];
}

/** What a person comparing CIC and Genesys would check of one interaction. */
export interface ConversationView {
  mediaType: string | undefined;
  /** Queue names, in the order the interaction entered them. */
  queues: string[];
  /** CIC user ids of the agents, conferenced users included, in the order they came. */
  agents: string[];
  holds: number;
  transfers: string[];
  wrapUpCode: string | undefined;
  /** How the last ACD or agent communication ended: who hung up. */
  ended: string | undefined;
  /** How the customer's own communication ended: `Self` when the customer hung up. */
  customer: string | undefined;
  startedAt: string | undefined;
  /** When the customer's communication ended. */
  disconnectedAt: string | undefined;
}

const nameOf = (object: { id: string; displayName?: string }) => object.displayName?.trim() || object.id;

/**
 * The view the generator's own record of an interaction implies, given which CIC users are synced: an agent the
 * bridge did not sync has no Genesys user, so its communication (answer, holds, transfer out, hang-up, wrap-up
 * code) is not sent, and the conversation shows only what the customer, the ACD side and the synced agents did.
 */
export function expectedConversation(
  made: MadeInteraction,
  center: CicCenter,
  synced: ReadonlySet<string>,
): ConversationView {
  const workgroups = new Map(center.workgroups.map((w) => [w.id, nameOf(w)]));
  const codes = new Map(center.wrapUpCodes.map((c) => [c.id, nameOf(c)]));
  const view: ConversationView = {
    mediaType: undefined,
    queues: [],
    agents: [],
    holds: 0,
    transfers: [],
    wrapUpCode: undefined,
    ended: undefined,
    customer: undefined,
    startedAt: undefined,
    disconnectedAt: undefined,
  };
  // The current segment: its agent, whether it entered a queue and whether the agent answered.
  let agent: string | undefined;
  let queued = false;
  let answered = false;
  const sent = () => agent !== undefined && synced.has(agent);
  // When a synced conferee last left: their hang-up is the last one Genesys has if the agent's is not sent.
  let confereeLeftAt: string | undefined;
  const newAgent = (userId: string | undefined) => {
    agent = userId;
    if (sent() && userId) view.agents.push(userId);
  };
  for (const step of made.steps) {
    switch (step.kind) {
      case 'create':
        view.mediaType = step.mediaType;
        queued = step.direction === 'inbound';
        if (queued) view.queues.push(workgroups.get(step.workgroupId ?? '') ?? '?');
        newAgent(step.userId);
        view.startedAt = step.at;
        break;
      case 'alert':
        newAgent(step.userId);
        break;
      case 'connect':
        answered = true;
        break;
      case 'transferToUser':
        if (sent()) view.transfers.push('TransferUser');
        queued = false;
        answered = false;
        newAgent(step.userId);
        break;
      case 'transferToWorkgroup':
        if (sent()) view.transfers.push('TransferACD');
        view.queues.push(workgroups.get(step.workgroupId ?? '') ?? '?');
        queued = true;
        answered = false;
        agent = undefined;
        break;
      case 'hold':
        if (sent()) view.holds++;
        break;
      // A conferenced user is one more agent of the conversation, who hangs up on leaving.
      case 'conference':
        if (step.userId !== undefined && synced.has(step.userId)) view.agents.push(step.userId);
        break;
      case 'leaveConference':
        if (step.userId !== undefined && synced.has(step.userId)) {
          view.ended = 'Self';
          confereeLeftAt = step.at;
        }
        break;
      case 'disconnect':
        // Answered, the agent's communication ends with who hung up; unanswered, the ACD one (and an alerting
        // agent's) ends so. The customer's ends either way, seen from the customer's side.
        // A conferee who left at the very moment of the hang-up cannot be told from one it ended: the same end.
        if (sent() || (!answered && queued) || confereeLeftAt === step.at)
          view.ended = step.by === 'local' ? 'Self' : 'Peer';
        view.customer = step.by === 'local' ? 'Peer' : 'Self';
        view.disconnectedAt = step.at;
        break;
      case 'wrapUp':
        if (sent() && step.wrapUpCode !== undefined) view.wrapUpCode = codes.get(step.wrapUpCode);
        break;
    }
  }
  return view;
}

/** The view of one conversation the Genesys simulator holds, names and CIC ids read through its org. */
export function actualConversation(conversation: GenesysConversation, org: GenesysDump): ConversationView {
  const kind = (array: string) => array.replace(/^email/, '').replace(/^./, (c) => c.toLowerCase());
  const events = conversation.events.map(({ array, event }) => ({ kind: kind(array), event }));
  const of = (name: string) => events.filter((e) => e.kind === name).map((e) => e.event);
  const customer = new Set(of('externalEstablishedEvents').map((e) => e['communicationId']));
  const allEnded = of('communicationEndedEvents');
  const customerEnded = allEnded.filter((e) => customer.has(e['communicationId']));
  const ended = allEnded.filter((e) => !customer.has(e['communicationId']));
  const hungUp = ended.filter((e) => !String(e['disconnectType']).startsWith('Transfer'));
  const code = of('communicationDispositionAppliedEvents')[0]?.['code'];
  return {
    mediaType: conversation.mediaType,
    queues: of('routingEstablishedEvents').map((e) => org.queues[String(e['queueId'])]?.name ?? '?'),
    agents: of('userEstablishedEvents').map((e) => org.users[String(e['userId'])]?.externalId ?? '?'),
    holds: of('holdUpdatedEvents').filter((e) => e['held'] === true).length,
    transfers: ended
      .map((e) => String(e['disconnectType']))
      .filter((t) => t === 'TransferUser' || t === 'TransferACD'),
    wrapUpCode: typeof code === 'string' ? (org.wrapupCodes[code]?.name ?? '?') : undefined,
    ended: hungUp.at(-1)?.['disconnectType'] as string | undefined,
    customer: customerEnded[0]?.['disconnectType'] as string | undefined,
    startedAt: conversation.events[0]?.event.eventDateTime,
    disconnectedAt: customerEnded[0]?.eventDateTime,
  };
}

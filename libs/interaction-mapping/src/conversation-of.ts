import type {
  CicDisconnectedBy,
  CicInteraction,
  CicSegment,
  DesiredConversation,
  DesiredConversationEvent,
  DisconnectType,
} from '@bridge/contracts';

/** A name → UUID function that always gives the same v4-shaped UUID for the same name (messaging's stableUuid). */
export type StableUuid = (name: string) => string;

/** Who hung up, as Genesys names the disconnect of the communication that had the customer. */
const disconnectTypes: Record<CicDisconnectedBy, DisconnectType> = {
  local: 'Self',
  remote: 'Peer',
  system: 'System',
};

/** The same hang-up seen from the customer's own communication: the customer is `Self` there. */
const externalDisconnectTypes: Record<CicDisconnectedBy, DisconnectType> = {
  local: 'Peer',
  remote: 'Self',
  system: 'System',
};

/** The Genesys conversation id of a CIC interaction: the same interaction always has the same conversation. */
export function conversationIdOf(uuid: StableUuid, interactionId: string): string {
  return uuid(`conversation:${interactionId}`);
}

type Kind = DesiredConversationEvent['kind'];
type Body<K extends Kind> = Omit<
  Extract<DesiredConversationEvent, { kind: K }>,
  'kind' | 'eventId' | 'eventDateTime' | 'communicationId'
>;

/**
 * The Genesys conversation a CIC interaction is, as far as it is known. The customer is one external
 * communication for the whole interaction (established when CIC created it, ended when it disconnected, by who
 * hung up as the customer sees it). Each workgroup segment is up to two more communications: the ACD one
 * (routing established when the interaction entered the queue, ended when an agent answered, with `Transfer`, or when the customer gave up) and the agent's (user established when it alerted,
 * answered, holds, ended, disposition applied with the wrap-up code after the after-call work), and one more for
 * each user the agent conferenced in (user established and answered when they joined, ended when they left).
 *
 * Every event depends only on facts that never change once CIC reported them, and its id on its place in the
 * interaction (segment, communication, kind, hold index): a later state of the same interaction gives the same
 * events with the same ids and some more, so delivery sends each once and a replay sends nothing new.
 */
export function conversationOf(interaction: CicInteraction, uuid: StableUuid): DesiredConversation {
  const id = interaction.interactionId;
  const events: DesiredConversationEvent[] = [];
  const inbound = interaction.direction === 'inbound';
  const ani = inbound ? interaction.remoteAddress : interaction.localAddress;
  const dnis = inbound ? interaction.localAddress : interaction.remoteAddress;
  const parties = { ...(ani ? { ani } : {}), ...(dnis ? { dnis } : {}) };
  /** Adds one event; `place` names where it is in the interaction, the seed of its id. */
  const push = <K extends Kind>(kind: K, place: string, at: string, communicationId: string, body: Body<K>) =>
    events.push({
      kind,
      eventId: uuid(`conversation-event:${id}:${place}`),
      eventDateTime: at,
      communicationId,
      ...body,
    } as DesiredConversationEvent);
  const external = uuid(`communication:${id}:external`);
  const addExternal = <K extends 'externalEstablished' | 'communicationEnded'>(
    kind: K,
    at: string,
    body: Body<K>,
  ) => push(kind, `external:${kind}`, at, external, body);

  addExternal('externalEstablished', interaction.initiatedAt, {
    inbound,
    ...parties,
    ...(interaction.remoteName ? { remoteName: interaction.remoteName } : {}),
  });

  const afterTheEnd: (() => void)[] = [];
  interaction.segments.forEach((segment, index) => {
    /** `acd`, `agent`, or `conference:<n>` for the segment's n-th conferee. */
    const communication = (party: string) => uuid(`communication:${id}:${index}:${party}`);
    const add = <K extends Kind>(party: string, kind: K, at: string, body: Body<K>, nth = 0) =>
      push(kind, `${index}:${party}:${kind}:${nth}`, at, communication(party), body);

    if (segment.enteredQueueAt) {
      add('acd', 'routingEstablished', segment.enteredQueueAt, {
        workgroupKey: segment.workgroupId,
        skillKeys: segment.skills,
        ...(segment.language ? { languageKey: segment.language } : {}),
        inbound,
        ...parties,
      });
      const handedOver = segment.answeredAt ?? undefined;
      if (handedOver) add('acd', 'communicationEnded', handedOver, { disconnectType: 'Transfer' });
      else if (segment.endedAt)
        add('acd', 'communicationEnded', segment.endedAt, { disconnectType: endOf(segment, interaction) });
    }
    if (!segment.userId) return;
    const establishedAt = segment.alertingAt ?? segment.answeredAt ?? segment.endedAt;
    if (!establishedAt) return;
    add('agent', 'userEstablished', establishedAt, {
      userKey: segment.userId,
      workgroupKey: segment.workgroupId,
      inbound,
      alerting: segment.alertingAt !== undefined,
      ...parties,
    });
    if (segment.answeredAt) add('agent', 'communicationAnswered', segment.answeredAt, {});
    segment.holds.forEach((hold, nth) => {
      add('agent', 'holdUpdated', hold.startedAt, { held: true }, 2 * nth);
      if (hold.endedAt) add('agent', 'holdUpdated', hold.endedAt, { held: false }, 2 * nth + 1);
    });
    (segment.conferees ?? []).forEach((conferee, nth) => {
      const party = `conference:${nth}`;
      add(party, 'userEstablished', conferee.joinedAt, {
        userKey: conferee.userId,
        workgroupKey: segment.workgroupId,
        inbound,
        alerting: false,
        ...parties,
      });
      add(party, 'communicationAnswered', conferee.joinedAt, {});
      // Left on their own, or with the segment's end (a transfer or the hang-up), ended the way it ended.
      if (conferee.leftAt)
        add(party, 'communicationEnded', conferee.leftAt, {
          disconnectType: conferee.leftAt === segment.endedAt ? endOf(segment, interaction) : 'Self',
        });
    });
    if (segment.endedAt)
      add('agent', 'communicationEnded', segment.endedAt, { disconnectType: endOf(segment, interaction) });
    if (segment.wrapUpCode) {
      const code = segment.wrapUpCode;
      const at = segment.afterCallWork?.endedAt ?? segment.endedAt ?? establishedAt;
      const apply = () => add('agent', 'dispositionApplied', at, { wrapUpCodeKey: code });
      // The last agent wraps up after the customer is gone: the customer's end comes first.
      if (index === interaction.segments.length - 1) afterTheEnd.push(apply);
      else apply();
    }
  });
  if (interaction.disconnectedAt)
    addExternal('communicationEnded', interaction.disconnectedAt, {
      disconnectType: externalDisconnectTypes[interaction.disconnectedBy ?? 'system'],
    });
  afterTheEnd.forEach((apply) => apply());

  return {
    interactionId: id,
    conversationId: conversationIdOf(uuid, id),
    mediaType: interaction.mediaType,
    channel: interaction.mediaType === 'email' ? 'email' : 'voice',
    ...(interaction.disconnectedAt ? { disconnectedAt: interaction.disconnectedAt } : {}),
    complete: interaction.state === 'ended',
    events,
  };
}

/** How the segment's last communication ended: a transfer by its kind, else who hung up. */
function endOf(segment: CicSegment, interaction: CicInteraction): DisconnectType {
  switch (segment.end?.kind) {
    case 'transferredToUser':
      return 'TransferUser';
    case 'transferredToWorkgroup':
      return 'TransferACD';
    case 'disconnected':
    case 'abandoned':
    case undefined:
      return disconnectTypes[interaction.disconnectedBy ?? 'system'];
  }
}

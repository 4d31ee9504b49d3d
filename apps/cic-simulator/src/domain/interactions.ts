import { ICWS, icwsDateMs } from '../icws-names';
import type { JsonObject } from './json';
import { Registry } from './registry';
import type { MediaType, TrafficStep } from './traffic-plan';

/** ICWS `Eic_State` letters (see icws-names.ts). */
type EicState = 'O' | 'A' | 'C' | 'H' | 'I' | 'E';

/** One live ACD interaction as CIC holds it. */
export interface Interaction {
  id: string;
  mediaType: MediaType;
  direction: 'inbound' | 'outbound';
  state: EicState;
  workgroupId: string;
  userId?: string;
  remoteAddress: string;
  remoteName: string;
  localAddress: string;
  skills: readonly string[];
  language?: string;
  /** Users the agent conferenced in, on it now. */
  conferees: string[];
  initiatedAt: Date;
  stateChangedAt: Date;
  connectedAt?: Date;
  terminatedAt?: Date;
  acwStartedAt?: Date;
  acwEndedAt?: Date;
  wrapUpCode?: string;
  disconnectReason?: string;
}

const OBJECT_TYPES: Record<MediaType, string> = {
  call: 'Call',
  chat: 'Chat',
  email: 'Email',
  callback: 'Callback',
};

/** CIC's side of an interaction: the number called, the mailbox written to, the chat entry point. */
function localAddressOf(mediaType: MediaType): string {
  switch (mediaType) {
    case 'email':
      return 'support@contact-center.example';
    case 'chat':
      return 'Web Chat';
    case 'call':
    case 'callback':
      return '+13175550000';
  }
}

/** What a step did to the agents' phones: who is now on an interaction and who is off. */
export interface PhoneChange {
  userId: string;
  onPhone: boolean;
}

/**
 * The interactions CIC has now, changed one traffic step at a time. Answers what the step did to the agents'
 * "on the phone" flag, which the center's user statuses show.
 */
export class Interactions {
  private readonly live = new Map<string, Interaction>();

  get(id: string): Interaction | undefined {
    return this.live.get(id);
  }

  all(): Interaction[] {
    return [...this.live.values()];
  }

  /** Applies one step to the interaction `id` at `now`; undefined when the step names an unknown interaction. */
  apply(
    id: string,
    step: TrafficStep,
    now: Date,
  ): { interaction: Interaction; phones: PhoneChange[] } | undefined {
    if (step.kind === 'create') {
      const interaction: Interaction = {
        id,
        mediaType: step.mediaType,
        direction: step.direction,
        state: step.userId ? 'A' : 'O',
        workgroupId: step.workgroupId,
        ...(step.userId ? { userId: step.userId } : {}),
        remoteAddress: step.remoteAddress,
        remoteName: step.remoteName,
        localAddress: localAddressOf(step.mediaType),
        skills: step.skills,
        ...(step.language ? { language: step.language } : {}),
        conferees: [],
        initiatedAt: now,
        stateChangedAt: now,
      };
      this.live.set(id, interaction);
      return { interaction, phones: [] };
    }
    const interaction = this.live.get(id);
    if (!interaction) return undefined;
    const phones: PhoneChange[] = [];
    const setState = (state: EicState) => {
      interaction.state = state;
      interaction.stateChangedAt = now;
    };
    switch (step.kind) {
      case 'alert':
        interaction.userId = step.userId;
        setState('A');
        break;
      case 'connect':
        interaction.connectedAt ??= now;
        setState('C');
        if (interaction.userId) phones.push({ userId: interaction.userId, onPhone: true });
        break;
      case 'hold':
        setState('H');
        break;
      case 'retrieve':
        setState('C');
        break;
      case 'transferToUser':
        if (interaction.userId) phones.push({ userId: interaction.userId, onPhone: false });
        interaction.userId = step.userId;
        setState('A');
        break;
      case 'transferToWorkgroup':
        if (interaction.userId) phones.push({ userId: interaction.userId, onPhone: false });
        delete interaction.userId;
        interaction.workgroupId = step.workgroupId;
        setState('O');
        break;
      // Joining or leaving a conference changes the interaction's state time, not its state ([INF]).
      case 'conference':
        interaction.conferees.push(step.userId);
        phones.push({ userId: step.userId, onPhone: true });
        setState(interaction.state);
        break;
      case 'leaveConference':
        interaction.conferees = interaction.conferees.filter((userId) => userId !== step.userId);
        phones.push({ userId: step.userId, onPhone: false });
        setState(interaction.state);
        break;
      case 'disconnect':
        if (interaction.userId && interaction.state !== 'A')
          phones.push({ userId: interaction.userId, onPhone: false });
        for (const userId of interaction.conferees) phones.push({ userId, onPhone: false });
        interaction.conferees = [];
        interaction.terminatedAt = now;
        interaction.disconnectReason = step.by === 'remote' ? 'Remote Disconnect' : 'Local Disconnect';
        if (step.afterCallWork) interaction.acwStartedAt = now;
        setState(step.by === 'remote' ? 'E' : 'I');
        break;
      case 'wrapUp':
        interaction.acwEndedAt = now;
        if (step.wrapUpCode) interaction.wrapUpCode = step.wrapUpCode;
        break;
      case 'remove':
        this.live.delete(id);
        break;
    }
    return { interaction, phones };
  }
}

/** The ICWS attributes of one interaction, all of them (a watch projects the ones it asked for). */
export function renderAttributes(interaction: Interaction): Record<string, string> {
  const A = ICWS.attributes;
  const date = (value: Date | undefined) => (value ? icwsDateMs(value) : '');
  return {
    [A.callId]: interaction.id,
    [A.objectType]: OBJECT_TYPES[interaction.mediaType],
    [A.callDirection]: interaction.direction === 'inbound' ? 'I' : 'O',
    [A.state]: interaction.state,
    [A.stateChangeTime]: date(interaction.stateChangedAt),
    [A.workgroupName]: interaction.workgroupId,
    [A.userName]: interaction.userId ?? '',
    [A.remoteAddress]: interaction.remoteAddress,
    [A.remoteName]: interaction.remoteName,
    [A.localAddress]: interaction.localAddress,
    [A.initiationTime]: date(interaction.initiatedAt),
    [A.connectTime]: date(interaction.connectedAt),
    [A.terminationTime]: date(interaction.terminatedAt),
    [A.acdSkills]: interaction.skills.join('|'),
    [A.language]: interaction.language ?? '',
    [A.acwStartTime]: date(interaction.acwStartedAt),
    [A.acwEndTime]: date(interaction.acwEndedAt),
    [A.wrapUpCode]: interaction.wrapUpCode ?? '',
    [A.disconnectReason]: interaction.disconnectReason ?? '',
    [A.conferenceMembers]: interaction.conferees.join('|'),
  };
}

/** One queue watch, as `PUT .../subscriptions/queues/{subscriptionId}` made it. */
export interface QueueSubscription {
  subscriptionId: string;
  /** Lower-cased workgroup ids. */
  workgroups: ReadonlySet<string>;
  /** The attributes wanted, or every one. */
  attributeNames: '*' | readonly string[];
  /** Ids of the interactions the watch has shown and not yet removed. */
  shown: Set<string>;
}

function covered(subscription: QueueSubscription, interaction: Interaction): boolean {
  return subscription.workgroups.has(Registry.key(interaction.workgroupId));
}

function item(subscription: QueueSubscription, interaction: Interaction): JsonObject {
  const all = renderAttributes(interaction);
  const attributes =
    subscription.attributeNames === '*'
      ? all
      : Object.fromEntries(subscription.attributeNames.map((name) => [name, all[name] ?? '']));
  return { [ICWS.queues.interactionId]: interaction.id, [ICWS.queues.attributes]: attributes };
}

function contentsMessage(
  subscription: QueueSubscription,
  isDelta: boolean,
  added: JsonObject[],
  changed: JsonObject[],
  removed: string[],
): JsonObject {
  const N = ICWS.queues;
  return {
    __type: N.message,
    [ICWS.configMessage.isDelta]: isDelta,
    [ICWS.configMessage.subscriptionId]: subscription.subscriptionId,
    [N.interactionsAdded]: added,
    [N.interactionsChanged]: changed,
    [N.interactionsRemoved]: removed,
  };
}

/** The first message of a watch: every interaction in its queues now, isDelta false. */
export function queueSnapshot(
  subscription: QueueSubscription,
  interactions: readonly Interaction[],
): JsonObject {
  subscription.shown.clear();
  const added = interactions.filter((interaction) => covered(subscription, interaction));
  added.forEach((interaction) => subscription.shown.add(interaction.id));
  return contentsMessage(
    subscription,
    false,
    added.map((interaction) => item(subscription, interaction)),
    [],
    [],
  );
}

/**
 * What a watch hears of one interaction's change: added when it enters one of its queues, changed while it stays
 * in them, removed when it leaves them or CIC drops it. Undefined when the watch never saw it.
 */
export function queueDelta(
  subscription: QueueSubscription,
  id: string,
  interaction: Interaction | undefined,
): JsonObject | undefined {
  const wasShown = subscription.shown.has(id);
  if (interaction && covered(subscription, interaction)) {
    subscription.shown.add(id);
    const rendered = [item(subscription, interaction)];
    return wasShown
      ? contentsMessage(subscription, true, [], rendered, [])
      : contentsMessage(subscription, true, rendered, [], []);
  }
  if (!wasShown) return undefined;
  subscription.shown.delete(id);
  return contentsMessage(subscription, true, [], [], [id]);
}

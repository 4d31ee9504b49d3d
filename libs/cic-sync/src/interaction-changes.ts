import type {
  CicInteraction,
  CicInteractionEventType,
  CicInteractionState,
  CicSegment,
} from '@bridge/contracts';
import type { ObservedInteraction } from './parse-interaction';

/** One change of an interaction: its event type, the whole interaction after it, and its identity. */
export interface InteractionChange {
  readonly type: CicInteractionEventType;
  readonly interaction: CicInteraction;
  /**
   * What makes the change unique within its interaction (type, segment and hold index): the seed of its
   * deterministic event id, so the same change seen again (a reconnect's snapshot) gets the same id.
   */
  readonly key: string;
}

const sameId = (a: string | undefined, b: string | undefined) => a?.toLowerCase() === b?.toLowerCase();
const disconnected = (state: ObservedInteraction['state']) =>
  state === 'disconnectedLocal' || state === 'disconnectedRemote';

type Step = { type: CicInteractionEventType; interaction: CicInteraction } | undefined;

function withLast(
  interaction: CicInteraction,
  state: CicInteractionState,
  segment: CicSegment,
): CicInteraction {
  return { ...interaction, state, segments: [...interaction.segments.slice(0, -1), segment] };
}

function openHold(segment: CicSegment) {
  const last = segment.holds.at(-1);
  return last && last.endedAt === undefined ? last : undefined;
}

/** Closes an open hold at `at` (a transfer or a disconnect while held ends the hold too). */
function closeHold(segment: CicSegment, at: string): CicSegment {
  const open = openHold(segment);
  if (!open) return segment;
  return { ...segment, holds: [...segment.holds.slice(0, -1), { startedAt: open.startedAt, endedAt: at }] };
}

/** Ends every conferee's part still open at `at` (a transfer or the disconnect ends the conference). */
function closeConferees(segment: CicSegment, at: string): CicSegment {
  if (!segment.conferees?.some((conferee) => conferee.leftAt === undefined)) return segment;
  return {
    ...segment,
    conferees: segment.conferees.map((conferee) =>
      conferee.leftAt === undefined ? { ...conferee, leftAt: at } : conferee,
    ),
  };
}

/** A user who joined the agent's conference or left it, as the watch shows it now; undefined when none did. */
function conferenceChange(
  segment: CicSegment,
  observed: ObservedInteraction,
  at: string,
): CicSegment | undefined {
  const conferees = segment.conferees ?? [];
  const open = conferees.filter((conferee) => conferee.leftAt === undefined);
  const joined = observed.conferees.find(
    (userId) => !open.some((conferee) => sameId(conferee.userId, userId)),
  );
  if (joined) return { ...segment, conferees: [...conferees, { userId: joined, joinedAt: at }] };
  const left = open.find((conferee) => !observed.conferees.some((userId) => sameId(userId, conferee.userId)));
  if (!left) return undefined;
  return {
    ...segment,
    conferees: conferees.map((conferee) => (conferee === left ? { ...conferee, leftAt: at } : conferee)),
  };
}

function started(observed: ObservedInteraction): CicInteraction {
  const outbound = observed.direction === 'outbound';
  const segment: CicSegment = {
    workgroupId: observed.workgroupId,
    skills: [...observed.skills],
    ...(observed.language ? { language: observed.language } : {}),
    ...(outbound ? {} : { enteredQueueAt: observed.initiatedAt }),
    ...(outbound && observed.userId ? { userId: observed.userId, alertingAt: observed.initiatedAt } : {}),
    holds: [],
  };
  return {
    interactionId: observed.interactionId,
    mediaType: observed.mediaType,
    direction: observed.direction,
    state: segment.userId ? 'alerting' : 'queued',
    ...(observed.remoteAddress ? { remoteAddress: observed.remoteAddress } : {}),
    ...(observed.remoteName ? { remoteName: observed.remoteName } : {}),
    ...(observed.localAddress ? { localAddress: observed.localAddress } : {}),
    initiatedAt: observed.initiatedAt,
    segments: [segment],
  };
}

/**
 * The next change that brings `current` closer to what CIC shows, or undefined when they agree. Changes come in
 * an interaction's order (transfer, alerting, answer, hold, retrieve, disconnect, wrap-up), so a watch that missed
 * some (a reconnect) still records each one, at the best time the attributes give.
 */
function nextChange(current: CicInteraction, observed: ObservedInteraction): Step {
  const segment = current.segments.at(-1);
  if (!segment || current.state === 'ended') return undefined;
  const at = observed.stateChangedAt;
  const isDisconnected = disconnected(observed.state);
  // A disconnect a watch missed the transfers before (a reconnect) still records them; after one, none comes.
  if (current.disconnectedAt === undefined) {
    if (!sameId(observed.workgroupId, segment.workgroupId)) {
      const closed = {
        ...closeConferees(closeHold(segment, at), at),
        endedAt: at,
        end: { kind: 'transferredToWorkgroup' as const, workgroupId: observed.workgroupId },
      };
      const next: CicSegment = {
        workgroupId: observed.workgroupId,
        enteredQueueAt: at,
        skills: [...observed.skills],
        ...(observed.language ? { language: observed.language } : {}),
        holds: [],
      };
      return transferred(current, closed, next, 'queued');
    }
    if (observed.userId && segment.userId && !sameId(observed.userId, segment.userId)) {
      const closed = {
        ...closeConferees(closeHold(segment, at), at),
        endedAt: at,
        end: { kind: 'transferredToUser' as const, userId: observed.userId },
      };
      const next: CicSegment = {
        workgroupId: segment.workgroupId,
        skills: segment.skills,
        ...(segment.language ? { language: segment.language } : {}),
        userId: observed.userId,
        alertingAt: at,
        holds: [],
      };
      return transferred(current, closed, next, 'alerting');
    }
  }
  if (observed.userId && !segment.userId) {
    const alertingAt = observed.state === 'alerting' ? at : (observed.connectedAt ?? at);
    return {
      type: 'CicInteractionAlerted',
      interaction: withLast(current, 'alerting', { ...segment, userId: observed.userId, alertingAt }),
    };
  }
  const answeredNow =
    observed.state === 'connected' ||
    observed.state === 'held' ||
    (isDisconnected && observed.acwStartedAt !== undefined);
  if (segment.userId && !segment.answeredAt && answeredNow) {
    const answeredAt = observed.state === 'connected' ? at : (observed.connectedAt ?? at);
    return {
      type: 'CicInteractionAnswered',
      interaction: withLast(current, 'connected', { ...segment, answeredAt }),
    };
  }
  if (observed.state === 'held' && segment.answeredAt && !openHold(segment)) {
    return {
      type: 'CicInteractionHeld',
      interaction: withLast(current, 'held', { ...segment, holds: [...segment.holds, { startedAt: at }] }),
    };
  }
  if (observed.state !== 'held' && openHold(segment)) {
    const endedAt = observed.state === 'connected' ? at : (observed.terminatedAt ?? at);
    return {
      type: 'CicInteractionRetrieved',
      interaction: withLast(current, 'connected', closeHold(segment, endedAt)),
    };
  }
  if (!isDisconnected && current.disconnectedAt === undefined && segment.answeredAt) {
    const conference = conferenceChange(segment, observed, at);
    if (conference)
      return {
        type: 'CicInteractionConferenceChanged',
        interaction: withLast(current, current.state, conference),
      };
  }
  if (isDisconnected && current.disconnectedAt === undefined) {
    const disconnectedAt = observed.terminatedAt ?? at;
    const afterCallWork = segment.answeredAt !== undefined && observed.acwStartedAt !== undefined;
    const last: CicSegment = {
      ...closeConferees(segment, disconnectedAt),
      endedAt: disconnectedAt,
      end: segment.answeredAt ? { kind: 'disconnected' } : { kind: 'abandoned' },
      ...(afterCallWork ? { afterCallWork: { startedAt: observed.acwStartedAt ?? disconnectedAt } } : {}),
    };
    return {
      type: 'CicInteractionDisconnected',
      interaction: {
        ...withLast(current, afterCallWork ? 'afterCallWork' : 'ended', last),
        disconnectedAt,
        disconnectedBy: observed.state === 'disconnectedLocal' ? 'local' : 'remote',
        ...(observed.disconnectReason ? { disconnectReason: observed.disconnectReason } : {}),
      },
    };
  }
  if (current.state === 'afterCallWork' && observed.acwEndedAt !== undefined && segment.afterCallWork) {
    const last: CicSegment = {
      ...segment,
      afterCallWork: { ...segment.afterCallWork, endedAt: observed.acwEndedAt },
      ...(observed.wrapUpCode ? { wrapUpCode: observed.wrapUpCode } : {}),
    };
    return { type: 'CicInteractionWrappedUp', interaction: withLast(current, 'ended', last) };
  }
  return undefined;
}

function transferred(
  current: CicInteraction,
  closed: CicSegment,
  next: CicSegment,
  state: CicInteractionState,
): Step {
  return {
    type: 'CicInteractionTransferred',
    interaction: { ...current, state, segments: [...current.segments.slice(0, -1), closed, next] },
  };
}

/**
 * Holds and conference changes repeat within a segment, so their changes are told apart by the hold's index, or
 * by how many joined and how many left; others happen once.
 */
function keyOf(type: CicInteractionEventType, interaction: CicInteraction): string {
  const segments = interaction.segments.length;
  const last = interaction.segments.at(-1);
  switch (type) {
    case 'CicInteractionHeld':
    case 'CicInteractionRetrieved':
      return `${type}:${segments}:${last?.holds.length ?? 0}`;
    case 'CicInteractionConferenceChanged': {
      const conferees = last?.conferees ?? [];
      return `${type}:${segments}:${conferees.length}:${conferees.filter((c) => c.leftAt !== undefined).length}`;
    }
    case 'CicInteractionStarted':
    case 'CicInteractionAlerted':
    case 'CicInteractionAnswered':
    case 'CicInteractionTransferred':
    case 'CicInteractionDisconnected':
    case 'CicInteractionWrappedUp':
      return `${type}:${segments}`;
  }
}

/** Bound on changes per observation: an interaction's whole life is far fewer; a loop would be a bug. */
const MAX_CHANGES = 64;

/**
 * The changes that take an interaction from what the log holds (`previous`, undefined when new) to what CIC
 * shows now, each with the whole interaction after it. An ended interaction changes no more.
 */
export function interactionChanges(
  previous: CicInteraction | undefined,
  observed: ObservedInteraction,
): InteractionChange[] {
  const changes: InteractionChange[] = [];
  let current = previous;
  if (!current) {
    current = started(observed);
    changes.push({
      type: 'CicInteractionStarted',
      interaction: current,
      key: keyOf('CicInteractionStarted', current),
    });
  }
  for (
    let step = nextChange(current, observed);
    step && changes.length < MAX_CHANGES;
    step = nextChange(current, observed)
  ) {
    current = step.interaction;
    changes.push({ ...step, key: keyOf(step.type, current) });
  }
  return changes;
}

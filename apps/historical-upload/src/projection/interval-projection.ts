import {
  CIC_INTERACTION_STREAM_PREFIX,
  cicInteractionEvents,
  decodeEvent,
  InvalidMessageError,
  type BridgeEvent,
  type CicInteractionEventType,
} from '@bridge/contracts';
import { storedEventToEnvelope, type StoredEvent } from '@bridge/event-store';
import type {
  AppliedBatch,
  InteractionState,
  IntervalProjectionStore,
} from '../persistence/interval-projection-store';

type InteractionEvent = Extract<BridgeEvent, { type: CicInteractionEventType }>;
const interactionTypes = new Set<string>(cicInteractionEvents.map((definition) => definition.type));
const isInteractionEvent = (event: BridgeEvent): event is InteractionEvent =>
  interactionTypes.has(event.type);

export interface ProjectionLog {
  warn(fields: object, message: string): void;
}

/**
 * The interval projection's side of the event-store relay: each batch of the log, in order, becomes the latest
 * state of each interaction it touches (every interaction event carries the whole interaction, so the last one of
 * a stream in the batch is all that counts), and the store applies them with the new position.
 */
export class IntervalProjection {
  constructor(
    private readonly store: IntervalProjectionStore,
    private readonly log: ProjectionLog,
  ) {}

  async apply(events: readonly StoredEvent[]): Promise<AppliedBatch> {
    const first = events[0];
    const last = events.at(-1);
    if (!first || !last) return { rowsChanged: 0, late: false };
    // Decoded before the store's transaction, which then holds its lock for the writes only. The store leaves
    // out the states it already has (a batch read again), which are the last events of their streams here too.
    return this.store.apply(first.position, last.position, this.latestStates(events));
  }

  private latestStates(events: readonly StoredEvent[]): InteractionState[] {
    const latest = new Map<string, StoredEvent>();
    for (const event of events)
      if (event.streamId.startsWith(CIC_INTERACTION_STREAM_PREFIX)) latest.set(event.streamId, event);
    const states: InteractionState[] = [];
    for (const event of latest.values()) {
      const decoded = this.decode(event);
      if (decoded) states.push(decoded);
    }
    return states;
  }

  /**
   * The interaction an event carries; an event that fails its schema is reported (again when its batch is read
   * again) and left out, not retried.
   */
  private decode(stored: StoredEvent): InteractionState | undefined {
    let event: BridgeEvent;
    try {
      event = decodeEvent(storedEventToEnvelope(stored));
    } catch (error) {
      if (!(error instanceof InvalidMessageError)) throw error;
      this.log.warn(
        { position: stored.position, eventId: stored.id, reason: error.message },
        'event left out',
      );
      return undefined;
    }
    return isInteractionEvent(event)
      ? { position: stored.position, interaction: event.data.interaction }
      : undefined;
  }
}

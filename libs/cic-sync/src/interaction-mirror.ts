import {
  cicInteractionEvents,
  cicInteractionSchema,
  cicInteractionStreamId,
  type CicInteraction,
  type CicInteractionEventType,
} from '@bridge/contracts';
import type { LoggedEvent } from './cic-mirror';
import { interactionChanges } from './interaction-changes';
import { parseObservedInteraction, parseQueueEnvelope, parseQueueItem } from './parse-interaction';
import type { Rejection } from './rejection';

/** One interaction event ready to be wrapped in an envelope and appended to the interaction's stream. */
export interface CicInteractionFact {
  readonly interactionId: string;
  readonly streamId: string;
  /** Deterministic: the interaction id and the change's key, so the same change seen again has the same id. */
  readonly eventId: string;
  readonly type: CicInteractionEventType;
  readonly schemaVersion: number;
  readonly data: { readonly interaction: CicInteraction };
}

export interface InteractionDecision {
  readonly events: readonly CicInteractionFact[];
  readonly rejections: readonly Rejection[];
}

const interactionTypes = new Set<string>(cicInteractionEvents.map((definition) => definition.type));

/**
 * What the log knows of each interaction, and the queue watches' attributes of this session. Ended interactions
 * are kept as ids only, and only while a queue may still show them: nothing changes them any more, and a watch
 * that still shows one (CIC keeps an ended interaction in its queue for a while) adds nothing.
 *
 * Use like CicStatusMirror: `replay` the log at start, `startSession` on every (re)connect, `decide` each queue
 * message (its events are staged at once, so the next message sees them), then `commit` after the append or
 * `dropStaged` when it failed (the session reconnects and its snapshot brings back what was lost).
 */
export class CicInteractionMirror {
  private readonly logged = new Map<string, CicInteraction>();
  private readonly staged = new Map<string, CicInteraction>();
  private readonly ended = new Set<string>();
  /** This session's attributes per interaction: a changed item may carry only the attributes that changed. */
  private attributes = new Map<string, Record<string, unknown>>();

  constructor(private readonly uuid: (name: string) => string) {}

  replay(event: LoggedEvent): void {
    if (!interactionTypes.has(event.type)) return;
    const parsed = cicInteractionSchema.safeParse(
      (event.data as { interaction?: unknown } | null)?.interaction,
    );
    if (parsed.success) this.remember(parsed.data);
  }

  startSession(): void {
    this.attributes = new Map();
  }

  /** Interactions the log holds that have not ended (tests, metrics). */
  get open(): number {
    return this.logged.size;
  }

  /** Ended interactions remembered because a watched queue may still show them (tests). */
  get endedShown(): number {
    return this.ended.size;
  }

  decide(raw: unknown): InteractionDecision {
    const envelope = parseQueueEnvelope(raw);
    if (!envelope.ok) return { events: [], rejections: [envelope.rejection] };
    const { message } = envelope;
    const events: CicInteractionFact[] = [];
    const rejections: Rejection[] = [];
    const shown = new Set<string>();
    for (const rawItem of message.items) {
      const item = parseQueueItem(rawItem);
      if (!item.ok) {
        rejections.push(item.rejection);
        continue;
      }
      const id = item.interactionId;
      shown.add(id);
      const merged = { ...(message.isDelta ? this.attributes.get(id) : undefined), ...item.attributes };
      this.attributes.set(id, merged);
      if (this.ended.has(id)) continue;
      const observed = parseObservedInteraction(id, merged);
      if (!observed.ok) {
        rejections.push(observed.rejection);
        continue;
      }
      for (const change of interactionChanges(this.current(id), observed.interaction)) {
        events.push({
          interactionId: id,
          streamId: cicInteractionStreamId(id),
          eventId: this.uuid(`${cicInteractionStreamId(id)}:${change.key}`),
          type: change.type,
          schemaVersion: 1,
          data: { interaction: change.interaction },
        });
        this.staged.set(id, change.interaction);
      }
    }
    // A removed interaction left the watched queues for good: no watch shows it again, so neither its attributes
    // nor its end need keeping. A snapshot replaces the whole view (§3.5): an ended interaction it does not show
    // has left too, its removal perhaps missed while no session watched. So the ended ids stay those CIC still
    // shows, not every interaction since the log began (tens of thousands an hour at a busy center).
    for (const removed of message.removed)
      if (typeof removed === 'string') {
        this.attributes.delete(removed);
        this.ended.delete(removed);
      }
    if (!message.isDelta) for (const id of this.ended) if (!shown.has(id)) this.ended.delete(id);
    return { events, rejections };
  }

  commit(events: readonly CicInteractionFact[]): void {
    for (const event of events) {
      if (this.staged.get(event.interactionId) === event.data.interaction)
        this.staged.delete(event.interactionId);
      this.remember(event.data.interaction);
    }
  }

  dropStaged(): void {
    this.staged.clear();
  }

  private current(id: string): CicInteraction | undefined {
    return this.staged.get(id) ?? this.logged.get(id);
  }

  /** A logged interaction: kept while it may change, an id alone once it ended. */
  private remember(interaction: CicInteraction): void {
    const id = interaction.interactionId;
    if (interaction.state === 'ended') {
      this.ended.add(id);
      this.logged.delete(id);
    } else if (!this.ended.has(id)) {
      this.logged.set(id, interaction);
    }
  }
}

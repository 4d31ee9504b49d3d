import { cicKindOf, cicKinds, keptJson, type CicObjectKind } from '@bridge/contracts';
import {
  changeOf,
  knownOf,
  objectAfter,
  type CicObjectChange,
  type EventIdOf,
  type KnownObject,
} from './cic-object-change';
import { snapshotRemovals } from './diff-snapshot';
import type { AbsentProperty } from './icws-names';
import { CIC_KINDS, type CicObject } from './kinds';
import { mergeDelta } from './merge-delta';
import { identify, parseItem } from './parse-item';
import { parseConfigMessage } from './parse-message';
import type { Rejection } from './rejection';

/** An optional property (ABSENT_PROPERTIES) that items of a message lacked, read with its default. */
export interface AppliedDefault {
  readonly kind: CicObjectKind;
  readonly property: AbsentProperty;
  /** The first item of the message that lacked it. */
  readonly id: string;
}

/**
 * What one ICWS message means: the events to append, the input skipped, and the defaults applied (once per
 * property per message; the app decides how often to warn).
 */
export interface Decision {
  readonly events: readonly CicObjectChange[];
  readonly rejections: readonly Rejection[];
  readonly defaults: readonly AppliedDefault[];
}

/** An event as read back from the log. */
export interface LoggedEvent {
  readonly id: string;
  readonly type: string;
  readonly data: unknown;
}

type RawItem = Record<string, unknown>;

/** Where a part stands in its message (icws-client's MessagePart); a message without one is whole. */
export interface MessagePart {
  readonly first: boolean;
  readonly last: boolean;
}

const WHOLE: MessagePart = { first: true, last: true };

/**
 * cic-ingestion's decisions, without I/O: what the log knows of every CIC object, and the ICWS item cache of the
 * current session that delta messages are merged into.
 *
 * Use: `replay` every CIC event of the log once at start; `startSession` on every (re)connect, since the new
 * session's first message per kind is a full snapshot; for each message, `decide`, append the events, then
 * `commit` them. Known state moves only on commit, so a failed append leaves it as the log has it.
 */
export class CicMirror {
  private readonly known = new Map<CicObjectKind, Map<string, KnownObject>>(
    CIC_KINDS.map((kind) => [kind, new Map()]),
  );
  /**
   * The session's ICWS items, which deltas are merged into, as JSON text: a center's items as objects would
   * hold several times the memory of the known state beside them.
   */
  private readonly cache = new Map<CicObjectKind, Map<string, string>>(
    CIC_KINDS.map((kind) => [kind, new Map()]),
  );
  /** Per kind whose snapshot is arriving in parts: every id it held so far, readable or not. */
  private readonly snapshotIds = new Map<CicObjectKind, Set<string>>();

  /**
   * `keep`: the kinds whose objects `current` gives (by default all); of the others only a digest is kept, which
   * is all that deciding what changed needs.
   */
  constructor(
    private readonly eventIdOf: EventIdOf,
    private readonly keep: ReadonlySet<CicObjectKind> = new Set(CIC_KINDS),
  ) {}

  /** Folds one logged event into known state; events of other producers are ignored. */
  replay(event: LoggedEvent): void {
    const meaning = cicKindOf(event.type);
    if (!meaning) return;
    const { kind, change } = meaning;
    const definition = cicKinds[kind];
    if (change === 'removed') {
      const data = definition.removed.schema.safeParse(event.data);
      if (data.success) this.knownOf(kind).set(data.data.id, this.entryOf(kind, undefined, event.id));
      return;
    }
    const data = definition.changed.schema.safeParse(event.data);
    if (!data.success) return;
    const object = (data.data as Record<string, CicObject>)[kind];
    if (object) this.knownOf(kind).set(object.id, this.entryOf(kind, object, event.id));
  }

  /** A new ICWS session: its cache starts empty until each kind's snapshot arrives. */
  startSession(): void {
    this.cache.forEach((items) => items.clear());
    this.snapshotIds.clear();
  }

  /** The objects of a kind the log holds now (removed ones left out); a kind not kept has none to give. */
  current(kind: CicObjectKind): Map<string, CicObject> {
    if (!this.keep.has(kind)) throw new Error(`the mirror keeps no ${kind} objects, only their digests`);
    const out = new Map<string, CicObject>();
    this.knownOf(kind).forEach((entry, id) => entry.object && out.set(id, entry.object));
    return out;
  }

  /** The ids of the objects of a kind the log holds now (removed ones left out). */
  ids(kind: CicObjectKind): string[] {
    const out: string[] = [];
    this.knownOf(kind).forEach((entry, id) => entry.digest !== undefined && out.push(id));
    return out;
  }

  commit(events: readonly CicObjectChange[]): void {
    for (const event of events) {
      const object = objectAfter(event);
      const keep = this.keep.has(event.kind) && object !== undefined;
      this.knownOf(event.kind).set(event.id, {
        digest: event.digest,
        eventId: event.eventId,
        ...(keep ? { object } : {}),
      });
    }
  }

  /**
   * What one ICWS message (any JSON value), or one part of it, means; never throws. A snapshot's parts must come
   * in order, as they do on a session: each part's objects are compared with known state as it comes, and the
   * removals (known objects the snapshot lacks) are decided with the last.
   */
  decide(raw: unknown, part: MessagePart = WHOLE): Decision {
    const parsed = parseConfigMessage(raw);
    if (!parsed.ok) return { events: [], rejections: [parsed.rejection], defaults: [] };
    const { kind, isDelta, added, changed, removed } = parsed.message;
    return isDelta
      ? this.decideDelta(kind, added, changed, removed)
      : this.decideSnapshot(kind, [...added, ...changed], part);
  }

  private decideSnapshot(kind: CicObjectKind, items: readonly unknown[], part: MessagePart): Decision {
    if (part.first) {
      this.cache.set(kind, new Map());
      this.snapshotIds.set(kind, new Set());
    }
    const cache = this.cacheOf(kind);
    const held = this.snapshotIds.get(kind) ?? new Set<string>();
    const known = this.knownOf(kind);
    const rejections: Rejection[] = [];
    const defaults = new DefaultsSeen(kind);
    const events: CicObjectChange[] = [];
    for (const item of items) {
      const result = parseItem(kind, item);
      if (!result.ok) {
        rejections.push(result.rejection);
        // Kept in the cache when it has an id, so a later delta can repair it; and not removed, since CIC still
        // has it, nor changed, since we cannot tell to what.
        const id = result.rejection.id;
        if (id !== undefined) {
          held.add(id);
          cache.set(id, keptJson(item));
        }
        continue;
      }
      defaults.add(result.id, result.defaulted);
      cache.set(result.id, keptJson(item));
      if (held.has(result.id)) continue;
      held.add(result.id);
      const event = changeOf(kind, result.id, known.get(result.id), result.object, this.eventIdOf);
      if (event) events.push(event);
    }
    if (part.last) {
      this.snapshotIds.delete(kind);
      events.push(...snapshotRemovals(kind, known, (id) => held.has(id), this.eventIdOf));
    } else this.snapshotIds.set(kind, held);
    return { events, rejections, defaults: defaults.list() };
  }

  private decideDelta(
    kind: CicObjectKind,
    added: readonly unknown[],
    changed: readonly unknown[],
    removed: readonly unknown[],
  ): Decision {
    const cache = this.cacheOf(kind);
    // Within one message an object may move twice; later items see the earlier ones' outcome.
    const pending = new Map<string, KnownObject>();
    const events: CicObjectChange[] = [];
    const rejections: Rejection[] = [];
    const defaults = new DefaultsSeen(kind);
    const emit = (id: string, next: CicObject | undefined) => {
      const event = changeOf(kind, id, pending.get(id) ?? this.knownOf(kind).get(id), next, this.eventIdOf);
      if (!event) return;
      events.push(event);
      pending.set(id, { digest: event.digest, eventId: event.eventId });
    };
    const accept = (item: RawItem) => {
      const result = parseItem(kind, item);
      if (!result.ok) return void rejections.push(result.rejection);
      defaults.add(result.id, result.defaulted);
      cache.set(result.id, keptJson(item));
      emit(result.id, result.object);
    };
    for (const item of added) {
      const identity = identify(kind, item);
      if (!identity.ok) rejections.push(identity.rejection);
      else accept(item as RawItem);
    }
    for (const item of changed) {
      const identity = identify(kind, item);
      if (!identity.ok) {
        rejections.push(identity.rejection);
        continue;
      }
      const cached = cache.get(identity.id);
      if (!cached) {
        rejections.push({
          reason: 'unknownObject',
          detail: 'changed item for an object the session never announced',
          raw: item,
          kind,
          id: identity.id,
        });
        continue;
      }
      accept(mergeDelta(JSON.parse(cached) as RawItem, item as RawItem));
    }
    for (const item of removed) {
      const identity = identify(kind, item);
      if (!identity.ok) {
        rejections.push(identity.rejection);
        continue;
      }
      cache.delete(identity.id);
      emit(identity.id, undefined);
    }
    return { events, rejections, defaults: defaults.list() };
  }

  private entryOf(kind: CicObjectKind, object: CicObject | undefined, eventId: string): KnownObject {
    return knownOf(object, eventId, this.eventIdOf, this.keep.has(kind));
  }

  private knownOf(kind: CicObjectKind): Map<string, KnownObject> {
    return this.known.get(kind) as Map<string, KnownObject>;
  }

  private cacheOf(kind: CicObjectKind): Map<string, string> {
    return this.cache.get(kind) as Map<string, string>;
  }
}

/** The defaults applied in one message, each property once, with the first item that needed it. */
class DefaultsSeen {
  private readonly first = new Map<AbsentProperty, string>();

  constructor(private readonly kind: CicObjectKind) {}

  add(id: string, properties: readonly AbsentProperty[]): void {
    for (const property of properties) if (!this.first.has(property)) this.first.set(property, id);
  }

  list(): AppliedDefault[] {
    return [...this.first].map(([property, id]) => ({ kind: this.kind, property, id }));
  }
}

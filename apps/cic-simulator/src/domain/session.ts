import type { ConfigKind } from '../icws-names';
import type { QueueSubscription } from './interactions';
import type { JsonObject } from './json';
import type { Selection } from './projection';

/** One configuration subscription, as PUT .../subscriptions/configuration/{type}/{subscriptionId} made it. */
export interface ConfigSubscription {
  kind: ConfigKind;
  subscriptionId: string;
  /** Lower-cased ids, or every object. */
  ids: '*' | ReadonlySet<string>;
  properties: Selection;
}

export type MessageSink = (message: JsonObject) => void;

/**
 * An ICWS session: who signed in, its CSRF token, its subscriptions and its message queue. Messages wait in the
 * queue until a poll takes them, or go straight to an attached event stream.
 */
export class Session {
  readonly configSubscriptions = new Map<string, ConfigSubscription>();
  /** Lower-cased user ids of the user-statuses subscription; undefined when there is none. */
  userStatusIds: ReadonlySet<string> | undefined;
  statusMessagesSubscribed = false;
  /** Custom notification header pairs this session listens to (`customNotificationKey`). */
  customNotificationKeys: ReadonlySet<string> = new Set();
  /** Queue watches by subscription id. */
  readonly queueSubscriptions = new Map<string, QueueSubscription>();
  private queue: JsonObject[] = [];
  private sink: MessageSink | undefined;
  private readonly closeListeners = new Set<() => void>();

  constructor(
    readonly id: string,
    readonly csrfToken: string,
    /** Value of the `icws_<sessionId>` cookie. */
    readonly cookieValue: string,
    readonly userId: string,
    readonly language: string,
  ) {}

  static customNotificationKey(objectId: string, eventId: string): string {
    return JSON.stringify([objectId, eventId]);
  }

  static subscriptionKey(kind: ConfigKind, subscriptionId: string): string {
    return `${kind}/${subscriptionId}`;
  }

  enqueue(message: JsonObject): void {
    if (this.sink) this.sink(message);
    else this.queue.push(message);
  }

  /** Short polling: everything queued since the last call, and the queue is emptied. */
  drain(): JsonObject[] {
    const messages = this.queue;
    this.queue = [];
    return messages;
  }

  /** Streams messages to one consumer (the newest stream wins); queued ones go first. Returns the detach. */
  attach(sink: MessageSink): () => void {
    this.sink = sink;
    this.drain().forEach(sink);
    return () => {
      if (this.sink === sink) this.sink = undefined;
    };
  }

  onClose(listener: () => void): () => void {
    this.closeListeners.add(listener);
    return () => this.closeListeners.delete(listener);
  }

  close(): void {
    this.sink = undefined;
    this.closeListeners.forEach((listener) => listener());
    this.closeListeners.clear();
  }
}

/** The sessions of one server. A server going down drops them all, as a real switchover does. */
export class SessionStore {
  private readonly sessions = new Map<string, Session>();

  constructor(private readonly newId: () => string) {}

  create(userId: string, language: string): Session {
    const session = new Session(this.newId(), this.newId(), this.newId(), userId, language);
    this.sessions.set(session.id, session);
    return session;
  }

  get(id: string): Session | undefined {
    return this.sessions.get(id);
  }

  delete(id: string): void {
    this.sessions.get(id)?.close();
    this.sessions.delete(id);
  }

  all(): Session[] {
    return [...this.sessions.values()];
  }

  dropAll(): void {
    for (const id of [...this.sessions.keys()]) this.delete(id);
  }
}

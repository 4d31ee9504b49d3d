import { subscribeStatusMessages, subscribeUserStatuses, type IcwsSession } from '@bridge/icws-client';
import { Logger } from '@nestjs/common';

const logger = new Logger('CicIngestion');

export interface StatusSubscriptionOptions {
  /** How long a burst of user changes is gathered into one PUT. */
  readonly coalesceMs?: number;
  /** Wait before trying a failed PUT again on the same session. */
  readonly retryMs?: number;
  readonly putUserIds?: (session: IcwsSession, userIds: readonly string[]) => Promise<void>;
  readonly putStatusMessages?: (session: IcwsSession) => Promise<void>;
}

/**
 * The session's status subscriptions: the status message definitions, and the user statuses of every CIC user
 * ingestion knows (object-mapping decides who is synced). A PUT replaces the whole user list, so the list follows
 * the users as they come and go, a burst of user changes (a snapshot, an import) gathered into one PUT.
 */
export class StatusSubscription {
  private session: IcwsSession | undefined;
  private wanted: readonly string[] = [];
  /** The list the session has, as its key; undefined until the first PUT on a session. */
  private subscribed: string | undefined;
  private timer: NodeJS.Timeout | undefined;
  private putting: Promise<void> | undefined;
  private readonly coalesceMs: number;
  private readonly retryMs: number;
  private readonly putUserIds: NonNullable<StatusSubscriptionOptions['putUserIds']>;
  private readonly putStatusMessages: NonNullable<StatusSubscriptionOptions['putStatusMessages']>;

  constructor(options: StatusSubscriptionOptions = {}) {
    this.coalesceMs = options.coalesceMs ?? 100;
    this.retryMs = options.retryMs ?? 2_000;
    this.putUserIds = options.putUserIds ?? ((session, userIds) => subscribeUserStatuses(session, userIds));
    this.putStatusMessages = options.putStatusMessages ?? ((session) => subscribeStatusMessages(session));
  }

  /** The users whose statuses to follow (all known CIC users); a change is sent after coalesceMs. */
  follow(userIds: Iterable<string>): void {
    this.wanted = [...userIds].sort();
    if (this.session && keyOf(this.wanted) !== this.subscribed) this.schedule(this.coalesceMs);
  }

  /** A new session: subscribes at once, before its messages are read (its snapshots are what a reconnect missed). */
  async open(session: IcwsSession): Promise<void> {
    this.session = session;
    this.subscribed = undefined;
    await this.putStatusMessages(session);
    const list = this.wanted;
    await this.putList(session, list);
    this.subscribed = keyOf(list);
  }

  /** Stops the pending PUT (shutdown); the next open starts afresh. */
  close(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.session = undefined;
  }

  /** Resolves once no PUT is pending or under way (tests). */
  async settled(): Promise<void> {
    while (this.timer || this.putting) {
      await this.putting;
      if (this.timer) await new Promise((resolve) => setTimeout(resolve, this.coalesceMs));
    }
  }

  /**
   * An empty list is not sent: ICWS is not known to accept one, and there is no status to follow. Should every
   * user go, the session keeps the last list; statuses of users CIC no longer has are harmless (mapping syncs
   * no such user).
   */
  private async putList(session: IcwsSession, list: readonly string[]): Promise<void> {
    if (list.length > 0) await this.putUserIds(session, list);
  }

  private schedule(delayMs: number): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.putting ??= this.put().finally(() => (this.putting = undefined));
    }, delayMs);
  }

  private async put(): Promise<void> {
    const session = this.session;
    const list = this.wanted;
    const key = keyOf(list);
    if (!session || key === this.subscribed) return;
    try {
      await this.putList(session, list);
      if (this.session === session) this.subscribed = key;
    } catch (error) {
      // The session may be gone (the client then reconnects and open() subscribes again); else try once more.
      logger.warn(
        `user-statuses subscription not updated: ${error instanceof Error ? error.message : String(error)}`,
      );
      if (this.session === session) this.schedule(this.retryMs);
      return;
    }
    if (this.session === session && keyOf(this.wanted) !== this.subscribed) this.schedule(this.coalesceMs);
  }
}

const keyOf = (userIds: readonly string[]) => JSON.stringify(userIds);

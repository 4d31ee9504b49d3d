import type { IcwsSession } from '@bridge/icws-client';
import { Logger } from '@nestjs/common';

const logger = new Logger('CicIngestion');

export interface ListSubscriptionOptions {
  /** Names the subscription in logs. */
  readonly name: string;
  /** The PUT that replaces the subscription's whole list of ids. */
  readonly putIds: (session: IcwsSession, ids: readonly string[]) => Promise<void>;
  /** A PUT each new session makes first (another subscription the list's messages rely on). */
  readonly beforeList?: (session: IcwsSession) => Promise<void>;
  /** How long a burst of changes to the list is gathered into one PUT. */
  readonly coalesceMs?: number;
  /** Wait before trying a failed PUT again on the same session. */
  readonly retryMs?: number;
}

/**
 * A session's subscription to a list of ids that follows what ingestion knows (users for their statuses,
 * workgroups for their queues). A PUT replaces the whole list, so the list follows the ids as they come and go,
 * a burst of changes (a snapshot, an import) gathered into one PUT.
 */
export class ListSubscription {
  private session: IcwsSession | undefined;
  /** The ids to follow, read when a PUT is due: a snapshot in parts calls follow once a part. */
  private wanted: () => Iterable<string> = () => [];
  /** The list the session has, as its key; undefined until the first PUT on a session. */
  private subscribed: string | undefined;
  private timer: NodeJS.Timeout | undefined;
  private putting: Promise<void> | undefined;
  private readonly coalesceMs: number;
  private readonly retryMs: number;
  private readonly putIds: ListSubscriptionOptions['putIds'];
  private readonly beforeList: NonNullable<ListSubscriptionOptions['beforeList']>;
  private readonly name: string;

  constructor(options: ListSubscriptionOptions) {
    this.coalesceMs = options.coalesceMs ?? 100;
    this.retryMs = options.retryMs ?? 2_000;
    this.putIds = options.putIds;
    this.beforeList = options.beforeList ?? (async () => undefined);
    this.name = options.name;
  }

  /**
   * The ids to follow, as a function read when the PUT is due (after coalesceMs), so a burst of calls costs one
   * reading of the list; a list equal to the session's is not sent again.
   */
  follow(ids: Iterable<string> | (() => Iterable<string>)): void {
    this.wanted = typeof ids === 'function' ? ids : () => ids;
    if (this.session) this.schedule(this.coalesceMs);
  }

  /** A new session: subscribes at once, before its messages are read (its snapshots are what a reconnect missed). */
  async open(session: IcwsSession): Promise<void> {
    this.session = session;
    this.subscribed = undefined;
    await this.beforeList(session);
    const list = this.list();
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
   * An empty list is not sent: ICWS is not known to accept one, and there is nothing to follow. Should every id
   * go, the session keeps the last list: messages about objects CIC no longer has are harmless.
   */
  private async putList(session: IcwsSession, list: readonly string[]): Promise<void> {
    if (list.length > 0) await this.putIds(session, list);
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
    const list = this.list();
    const key = keyOf(list);
    if (!session || key === this.subscribed) return;
    try {
      await this.putList(session, list);
      if (this.session === session) this.subscribed = key;
    } catch (error) {
      // The session may be gone (the client then reconnects and open() subscribes again); else try once more.
      logger.warn(
        `${this.name} subscription not updated: ${error instanceof Error ? error.message : String(error)}`,
      );
      if (this.session === session) this.schedule(this.retryMs);
      return;
    }
    if (this.session === session && keyOf(this.list()) !== this.subscribed) this.schedule(this.coalesceMs);
  }

  private list(): string[] {
    return [...this.wanted()].sort();
  }
}

const keyOf = (userIds: readonly string[]) => JSON.stringify(userIds);

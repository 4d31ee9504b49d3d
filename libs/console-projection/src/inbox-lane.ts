import type { InboxLaneStatus } from '@bridge/contracts';

/**
 * The WFM notifications read on DELIVERY (one message per notification; a notification read again under another
 * message id is one here too): how many, and when the newest happened.
 */
export class InboxReceipts {
  private readonly ids = new Set<string>();
  private newest: string | undefined;

  add(notificationId: string, at: string): void {
    this.ids.add(notificationId);
    if (this.newest === undefined || at > this.newest) this.newest = at;
  }

  get count(): number {
    return this.ids.size;
  }

  get lastAt(): string | undefined {
    return this.newest;
  }

  clear(): void {
    this.ids.clear();
    this.newest = undefined;
  }
}

/** What the console knows of the inbox notifications lane, each part from the one that owns it. */
export interface InboxLaneFacts {
  /** genesys-delivery's status answers, one per instance (an instance older than the lane's status: undefined). */
  readonly lanes: readonly (InboxLaneStatus | undefined)[];
  /** The notifications the lane published on DELIVERY, as the console's feed read them. */
  readonly received: { readonly count: number; readonly lastAt?: string | undefined };
  /** cic-ingestion's records in the event store (undefined when they could not be read). */
  readonly recorded?: { readonly count: number; readonly sent: number } | undefined;
}

/**
 * - `off`: `INBOX_NOTIFICATIONS` is off;
 * - `unknown`: no genesys-delivery instance told;
 * - `waiting`: on, and no instance holds the channels (at start, or between a holder's end and the next one's);
 * - `listening`: the holder's every channel has its socket open;
 * - `reconnecting`: a channel's socket is not open, so what Genesys publishes for its users now is lost.
 */
export type InboxLaneState = 'off' | 'unknown' | 'waiting' | 'listening' | 'reconnecting';

/** The Health page's inbox lane. */
export interface InboxLaneView {
  readonly state: InboxLaneState;
  readonly channels: number;
  readonly connectedChannels: number;
  /** Synced users whose notification topic a channel holds. */
  readonly subscribedUsers: number;
  /** Synced users beyond the channel limits: their notifications are not followed. */
  readonly unplacedUsers: number;
  readonly received: number;
  readonly lastNotificationAt?: string;
  /** Recorded by cic-ingestion as sent to the agent's CIC session. */
  readonly delivered?: number;
  /** Recorded by cic-ingestion, sent or not (with the feature off it records without sending). */
  readonly recorded?: number;
  /** Received and not yet recorded by cic-ingestion (waiting, being retried, or given up). */
  readonly backlog?: number;
}

/** The inbox lane as the Health page shows it, from delivery's answers and the two counts. */
export function inboxLaneOf(facts: InboxLaneFacts): InboxLaneView {
  const told = facts.lanes.filter((lane): lane is InboxLaneStatus => lane !== undefined);
  const holder = told.find((lane) => lane.holding);
  const channels = holder?.channels ?? [];
  const connectedChannels = channels.filter((channel) => channel.connected).length;
  const state: InboxLaneState =
    told.length === 0
      ? 'unknown'
      : !told.some((lane) => lane.enabled)
        ? 'off'
        : !holder
          ? 'waiting'
          : connectedChannels < channels.length
            ? 'reconnecting'
            : 'listening';
  const { received, recorded } = facts;
  return {
    state,
    channels: channels.length,
    connectedChannels,
    subscribedUsers: channels.reduce((sum, channel) => sum + channel.users, 0),
    unplacedUsers: holder?.unplacedUsers ?? 0,
    received: received.count,
    ...(received.lastAt ? { lastNotificationAt: received.lastAt } : {}),
    ...(recorded
      ? {
          delivered: recorded.sent,
          recorded: recorded.count,
          // The feed may not have read DELIVERY up to the store yet: never a negative backlog.
          backlog: Math.max(0, received.count - recorded.count),
        }
      : {}),
  };
}

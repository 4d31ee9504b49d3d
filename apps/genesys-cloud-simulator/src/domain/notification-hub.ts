import { ApiError, badRequest, notFound } from './api-error';
import type { Clock } from './clock';
import { newId } from './ids';

/**
 * The notifications API (developer.genesys.cloud, Notification service): a client creates channels, subscribes
 * topics to a channel and reads the channel's WebSocket. Limits as documented: 20 channels per user and app (the
 * 21st replaces the least recently used, those without a connection first), 1,000 topics per channel, one
 * connection per channel (a new one closes the old), a channel lives 24 hours. The socket gets a heartbeat every
 * 30 seconds and answers a `{"message":"ping"}` with a pong, both on the `channel.metadata` topic.
 */
export const NOTIFICATION_LIMITS = {
  channelsPerClient: 20,
  topicsPerChannel: 1000,
  channelLifetimeMs: 24 * 60 * 60 * 1000,
  heartbeatMs: 30_000,
} as const;

/** The one topic this simulator publishes: a user's WFM notifications (the SDK's WfmUserNotificationTopic). */
const USER_WFM_TOPIC = /^v2\.users\.([^.]+)\.workforcemanagement\.notifications$/;

export function userWfmTopic(userId: string): string {
  return `v2.users.${userId}.workforcemanagement.notifications`;
}

/** What the hub needs of a WebSocket: send a text frame, and close it. */
export interface ChannelSocket {
  send(text: string): void;
  close(): void;
}

interface Channel {
  readonly id: string;
  readonly clientId: string;
  readonly expires: number;
  lastUsed: number;
  topics: Set<string>;
  socket?: ChannelSocket;
}

export interface ChannelTopicView {
  readonly id: string;
  readonly state: 'Permitted' | 'Rejected';
  readonly rejectionReason?: string;
}

export class NotificationHub {
  private readonly channels = new Map<string, Channel>();
  /** Every message published, for /sim: topic and event body. */
  readonly published: { topicName: string; eventBody: unknown }[] = [];

  constructor(
    private readonly clock: Clock,
    private readonly userExists: (userId: string) => boolean,
  ) {}

  createChannel(
    clientId: string,
    streamingBase: string,
  ): { id: string; connectUri: string; expires: string } {
    const own = [...this.channels.values()].filter((c) => c.clientId === clientId);
    if (own.length >= NOTIFICATION_LIMITS.channelsPerClient) {
      const victim = own.sort(
        (a, b) => Number(a.socket !== undefined) - Number(b.socket !== undefined) || a.lastUsed - b.lastUsed,
      )[0];
      if (victim) this.remove(victim.id);
    }
    const now = this.clock.now();
    const channel: Channel = {
      id: `streaming-0-${newId().replaceAll('-', '')}`,
      clientId,
      expires: now + NOTIFICATION_LIMITS.channelLifetimeMs,
      lastUsed: now,
      topics: new Set(),
    };
    this.channels.set(channel.id, channel);
    return {
      id: channel.id,
      connectUri: `${streamingBase}/channels/${channel.id}`,
      expires: iso(channel.expires),
    };
  }

  listChannels(clientId: string): { entities: { id: string; connectUri?: string; expires: string }[] } {
    return {
      entities: [...this.channels.values()]
        .filter((c) => c.clientId === clientId)
        .map((c) => ({ id: c.id, expires: iso(c.expires) })),
    };
  }

  exists(channelId: string): boolean {
    const channel = this.channels.get(channelId);
    return channel !== undefined && channel.expires > this.clock.now();
  }

  /** PUT replaces the channel's topics, POST adds to them; either way the result may hold at most 1,000. */
  subscribe(
    clientId: string,
    channelId: string,
    body: unknown,
    mode: 'replace' | 'add',
  ): { entities: ChannelTopicView[] } {
    const channel = this.owned(clientId, channelId);
    if (!Array.isArray(body)) throw badRequest('The request body must be a list of topics.');
    const requested = body.map((item: unknown) => {
      const id = typeof item === 'object' && item !== null ? (item as { id?: unknown }).id : undefined;
      if (typeof id !== 'string' || id === '') throw badRequest('Every topic needs an id.');
      return id;
    });
    const views = requested.map((id) => this.check(id));
    const permitted = views.filter((v) => v.state === 'Permitted').map((v) => v.id);
    const next = new Set(mode === 'replace' ? permitted : [...channel.topics, ...permitted]);
    if (next.size > NOTIFICATION_LIMITS.topicsPerChannel)
      throw new ApiError(
        400,
        'notification.too.many.topics',
        `A channel may have at most ${NOTIFICATION_LIMITS.topicsPerChannel} topics.`,
      );
    channel.topics = next;
    channel.lastUsed = this.clock.now();
    return { entities: views };
  }

  subscriptions(clientId: string, channelId: string): { entities: ChannelTopicView[] } {
    const channel = this.owned(clientId, channelId);
    return { entities: [...channel.topics].map((id) => ({ id, state: 'Permitted' })) };
  }

  /** Attaches a socket to a channel; false when there is no such channel. The channel's old socket is closed. */
  connect(channelId: string, socket: ChannelSocket): boolean {
    const channel = this.channels.get(channelId);
    if (!channel || channel.expires <= this.clock.now()) return false;
    const old = channel.socket;
    channel.socket = socket;
    channel.lastUsed = this.clock.now();
    old?.close();
    return true;
  }

  disconnect(channelId: string, socket: ChannelSocket): void {
    const channel = this.channels.get(channelId);
    if (channel?.socket === socket) channel.socket = undefined;
  }

  /** A frame the client sent: a ping gets its pong; anything else is ignored, as Genesys does. */
  received(channelId: string, text: string): void {
    const channel = this.channels.get(channelId);
    if (!channel?.socket) return;
    let message: unknown;
    try {
      message = JSON.parse(text);
    } catch {
      return;
    }
    if (
      typeof message === 'object' &&
      message !== null &&
      (message as { message?: unknown }).message === 'ping'
    )
      channel.socket.send(JSON.stringify({ topicName: 'channel.metadata', eventBody: { message: 'pong' } }));
  }

  heartbeat(): void {
    const frame = JSON.stringify({
      topicName: 'channel.metadata',
      eventBody: { message: 'WebSocket Heartbeat' },
    });
    for (const channel of this.channels.values()) channel.socket?.send(frame);
  }

  /** Sends an event to every connected channel subscribed to the topic; one not connected misses it. */
  publish(topicName: string, eventBody: unknown): void {
    this.published.push({ topicName, eventBody });
    const frame = JSON.stringify({
      topicName,
      version: '2',
      eventBody,
      metadata: { CorrelationId: newId() },
    });
    for (const channel of this.channels.values())
      if (channel.topics.has(topicName) && channel.socket) channel.socket.send(frame);
  }

  /** Closes every connection (the channels and their topics stay), as a network drop would. */
  dropConnections(): number {
    let dropped = 0;
    for (const channel of this.channels.values()) {
      const socket = channel.socket;
      channel.socket = undefined;
      if (socket) {
        socket.close();
        dropped += 1;
      }
    }
    return dropped;
  }

  /** Channels, those connected, the topics a connection listens to (a topic twice counts twice), messages sent. */
  stats(): { channels: number; connected: number; topics: number; published: number } {
    return {
      channels: this.channels.size,
      connected: [...this.channels.values()].filter((c) => c.socket).length,
      topics: this.listened().length,
      published: this.published.length,
    };
  }

  /** The topics of connected channels, sorted (a topic on two channels is there twice). */
  listened(): string[] {
    return [...this.channels.values()]
      .filter((c) => c.socket)
      .flatMap((c) => [...c.topics])
      .sort();
  }

  clear(): void {
    this.dropConnections();
    this.channels.clear();
    this.published.length = 0;
  }

  private remove(channelId: string): void {
    this.channels.get(channelId)?.socket?.close();
    this.channels.delete(channelId);
  }

  private owned(clientId: string, channelId: string): Channel {
    const channel = this.channels.get(channelId);
    if (!channel || channel.clientId !== clientId || channel.expires <= this.clock.now())
      throw notFound('channel', channelId);
    return channel;
  }

  private check(topic: string): ChannelTopicView {
    const user = USER_WFM_TOPIC.exec(topic)?.[1];
    if (user === undefined) return { id: topic, state: 'Rejected', rejectionReason: 'Unknown topic' };
    if (!this.userExists(user)) return { id: topic, state: 'Rejected', rejectionReason: 'Unknown user' };
    return { id: topic, state: 'Permitted' };
  }
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

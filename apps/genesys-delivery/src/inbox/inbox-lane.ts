import type { InboxLaneStatus, InboxNotification } from '@bridge/contracts';
import {
  planInboxChannels,
  readWfmNotification,
  userIdOfWfmTopic,
  wfmTopicOf,
  type InboxChannelLimits,
} from '@bridge/delivery-planning';
import type { GenesysClient } from '@bridge/genesys-client';
import { WorkLoops } from '../reconciler/work-loops';
import type { ChannelSocket, OpenChannelSocket } from './channel-socket';
import type { CatchUpOutcome } from './inbox-catch-up';

export interface InboxLaneOptions {
  readonly limits: InboxChannelLimits;
  /** How often the lane follows the synced users and checks its sockets. */
  readonly pollMs: number;
  /** A socket silent this long (no heartbeat either) is taken for dead and opened again. */
  readonly silenceMs: number;
  /** How often a holder whose sockets all listen records so (the watermark a next holder catches up from). */
  readonly watermarkEveryMs: number;
  /** How long after a failed catch-up the lane tries again (its reads cost the org's budget). */
  readonly catchUpRetryMs: number;
}

export interface InboxLaneLogger {
  warn(fields: object, message: string): void;
  log(fields: object, message: string): void;
}

/** Where a holder records that its sockets listened, and a new holder reads from where to catch up. */
export interface InboxWatermark {
  listenedAt(): Promise<number | undefined>;
  listened(at: number): Promise<void>;
}

type InboxGenesys = Pick<
  GenesysClient,
  'createNotificationChannel' | 'notificationChannelExists' | 'setNotificationTopics'
>;

interface HeldChannel {
  id: string;
  connectUri: string;
  genesysUserIds: readonly string[];
  socket?: ChannelSocket;
  lastFrameAt: number;
}

/**
 * The inbox lane (issue 19, ADR 0013): one instance at a time (a session lock) holds notification channels with the WFM
 * topic of every synced user, spread within the channel limits; follows users as they come and go; opens a socket
 * again when it closes or falls silent, and makes a channel again when Genesys dropped it; and passes each time-off
 * or shift-trade notification on as a DeliveryInboxNotificationReceived. Genesys keeps nothing for a channel without
 * a socket, so after a gap (a socket closed or silent, a channel gone, a new holder) the lane catches up once every
 * socket listens again: from the gap's start (the last frame heard, or the watermark for a new holder) it rebuilds
 * the status changes the gap hid.
 */
export class InboxLane {
  private readonly loops: WorkLoops;
  private held: HeldChannel[] = [];
  private cicKeyOf = new Map<string, string>();
  /** Synced users beyond the channel limits at the last step (warned once per count). */
  private unplaced = 0;
  /** Whether this instance held the channels at its last step: a new holder catches up from the watermark. */
  private holding = false;
  /** The start (ms) of the earliest gap not caught up yet. */
  private gapSince: number | undefined;
  private catchUpNotBefore = 0;
  private watermarkAt = 0;

  constructor(
    private readonly users: { syncedUsers(): Promise<{ key: string; genesysId: string }[]> },
    /** Whether this instance holds the channels; `changed` runs when that changes. */
    private readonly lock: { held(changed: () => void): boolean; release(): Promise<void> },
    private readonly genesys: InboxGenesys,
    private readonly openSocket: OpenChannelSocket,
    /** Publishes a notification and records its status: the same for a live and a rebuilt one. */
    private readonly passOn: (notification: InboxNotification) => Promise<void>,
    private readonly catchUp: {
      run(gapStartedAt: number, users: ReadonlyMap<string, string>): Promise<CatchUpOutcome>;
    },
    private readonly watermark: InboxWatermark,
    private readonly options: InboxLaneOptions,
    private readonly logger: InboxLaneLogger,
  ) {
    this.loops = new WorkLoops(
      () => this.step(),
      { loops: 1, pollMs: options.pollMs },
      (error) => this.logger.warn({ error }, 'inbox lane step failed'),
    );
  }

  start(): void {
    this.loops.start();
  }

  async stop(): Promise<void> {
    await this.loops.stop();
    this.holding = false;
    this.closeAll();
    await this.lock.release();
  }

  /** The channels held now, for the tests: ids, users, whether the socket is open. */
  channels(): { id: string; users: number; connected: boolean }[] {
    return this.held.map((c) => ({
      id: c.id,
      users: c.genesysUserIds.length,
      connected: c.socket !== undefined,
    }));
  }

  /** The lane as the operator's status read shows it (no channel ids: a channel's id lets anyone listen to it). */
  status(enabled: boolean): InboxLaneStatus {
    return {
      enabled,
      holding: this.holding,
      channels: this.channels().map(({ users, connected }) => ({ users, connected })),
      unplacedUsers: this.holding ? this.unplaced : 0,
    };
  }

  private async step(): Promise<boolean> {
    // Another instance holds the channels, or this one just lost them: its sockets close, it waits again.
    if (!this.lock.held(() => this.loops.wake())) {
      this.closeAll();
      this.holding = false;
      this.gapSince = undefined;
      return false;
    }
    if (!this.holding) {
      // Whatever the former holder heard last: from there on, nothing is known to have reached the agents.
      this.gapFrom(await this.watermark.listenedAt());
      this.holding = true;
    }
    const users = await this.users.syncedUsers();
    this.cicKeyOf = new Map(users.map((u) => [u.genesysId, u.key]));
    const current = this.held.map((c) => ({ channelId: c.id, userIds: c.genesysUserIds }));
    const plan = planInboxChannels(
      users.map((u) => u.genesysId),
      current,
      this.options.limits,
    );
    if (plan.unplaced.length !== this.unplaced) {
      this.unplaced = plan.unplaced.length;
      if (plan.unplaced.length > 0)
        this.logger.warn(
          { unplaced: plan.unplaced.length },
          'more synced users than the channel limits hold',
        );
    }
    const next: HeldChannel[] = [];
    for (const planned of plan.channels) {
      const held = this.held.find((c) => c.id === planned.channelId);
      const channel = held ?? (await this.newChannel());
      if (planned.changed || !held) await this.subscribe(channel, planned.userIds);
      next.push(channel);
    }
    for (const gone of this.held.filter((c) => !next.includes(c))) gone.socket?.close();
    this.held = next;
    for (const channel of this.held) await this.keepOpen(channel);
    if (this.held.some((c) => c.socket === undefined)) return false;
    if (this.gapSince !== undefined) await this.caughtUp(this.gapSince);
    else if (this.held.length > 0 && Date.now() - this.watermarkAt >= this.options.watermarkEveryMs) {
      // What every socket had heard by its last frame: a frame on a socket comes after those published before it.
      await this.watermark.listened(Math.min(...this.held.map((c) => c.lastFrameAt)));
      this.watermarkAt = Date.now();
    }
    return false;
  }

  /** Once every socket listens again: rebuild what the gap hid (the gap is kept for a retry if that fails). */
  private async caughtUp(gapSince: number): Promise<void> {
    if (Date.now() < this.catchUpNotBefore) return;
    // A gap that begins while this one is caught up is a gap of its own, for the next step.
    this.gapSince = undefined;
    try {
      const outcome = await this.catchUp.run(gapSince, this.cicKeyOf);
      if (outcome.clipped)
        this.logger.warn(
          { gapSince: new Date(gapSince).toISOString() },
          'inbox gap longer than the 33 days Genesys reads back: older changes not caught up',
        );
      if (outcome.passedOn > 0)
        this.logger.log({ passedOn: outcome.passedOn }, 'inbox caught up after a gap');
    } catch (error) {
      this.gapFrom(gapSince);
      this.catchUpNotBefore = Date.now() + this.options.catchUpRetryMs;
      throw error;
    }
  }

  private gapFrom(at: number | undefined): void {
    if (at !== undefined) this.gapSince = Math.min(this.gapSince ?? at, at);
  }

  private async newChannel(): Promise<HeldChannel> {
    const made = await this.genesys.createNotificationChannel();
    const channel: HeldChannel = { ...made, genesysUserIds: [], lastFrameAt: Date.now() };
    // Open before subscribing, so nothing published right after the subscription is missed.
    await this.connect(channel);
    return channel;
  }

  private async subscribe(channel: HeldChannel, genesysUserIds: readonly string[]): Promise<void> {
    const refused = await this.genesys.setNotificationTopics(channel.id, genesysUserIds.map(wfmTopicOf));
    if (refused.length > 0)
      this.logger.warn({ channel: channel.id, refused }, 'Genesys refused inbox topics');
    channel.genesysUserIds = genesysUserIds;
  }

  /** A closed or silent socket opens again; a channel Genesys no longer has is made again with its topics. */
  private async keepOpen(channel: HeldChannel): Promise<void> {
    if (channel.socket && Date.now() - channel.lastFrameAt <= this.options.silenceMs) return;
    this.gapFrom(channel.lastFrameAt);
    channel.socket?.close();
    channel.socket = undefined;
    if (!(await this.genesys.notificationChannelExists(channel.id))) {
      const made = await this.genesys.createNotificationChannel();
      channel.id = made.id;
      channel.connectUri = made.connectUri;
      await this.connect(channel);
      await this.subscribe(channel, channel.genesysUserIds);
      return;
    }
    await this.connect(channel);
  }

  private async connect(channel: HeldChannel): Promise<void> {
    const socket = await this.openSocket(channel.connectUri, {
      frame: (text) => {
        channel.lastFrameAt = Date.now();
        this.received(text);
      },
      closed: () => {
        if (channel.socket !== socket) return;
        channel.socket = undefined;
        this.loops.wake();
      },
    });
    channel.socket = socket;
    channel.lastFrameAt = Date.now();
  }

  private received(text: string): void {
    let frame: { topicName?: unknown; eventBody?: unknown };
    try {
      frame = JSON.parse(text) as typeof frame;
    } catch {
      return;
    }
    if (typeof frame.topicName !== 'string') return;
    const genesysUserId = userIdOfWfmTopic(frame.topicName);
    const cicKey = genesysUserId === undefined ? undefined : this.cicKeyOf.get(genesysUserId);
    if (genesysUserId === undefined || cicKey === undefined) return;
    const reading = readWfmNotification(genesysUserId, cicKey, frame.eventBody);
    if (reading.kind === 'ignored') {
      if (reading.reason === 'malformed')
        this.logger.warn({ topic: frame.topicName }, 'unreadable WFM notification');
      return;
    }
    this.passOn(reading.notification).catch((error: unknown) => {
      this.logger.warn(
        { error, notificationId: reading.notification.notificationId },
        'inbox notification not passed on',
      );
    });
  }

  private closeAll(): void {
    for (const channel of this.held) channel.socket?.close();
    this.held = [];
  }
}

/**
 * Where each synced user's WFM topic listens (issue 19). The notifications API limits a client to a number of
 * channels and a channel to a number of topics (ADR 0013); these limits are inputs, not constants, so the
 * lane and the bench can plan for any org.
 */
export interface InboxChannelLimits {
  readonly channels: number;
  readonly topicsPerChannel: number;
}

/**
 * The notifications API's limits for one OAuth client (developer.genesys.cloud, Notification service; the SDK's
 * postNotificationsChannels): 20 channels per user and app, 1,000 topics per channel.
 */
export const genesysChannelLimits: InboxChannelLimits = { channels: 20, topicsPerChannel: 1000 };

/** A channel the lane holds and the users whose topics it has (or, for a new channel, will have). */
export interface InboxChannelAssignment {
  /** Undefined for a channel still to be created. */
  readonly channelId: string | undefined;
  readonly userIds: readonly string[];
}

export interface InboxChannelPlan {
  /** Every channel to hold after this step, old ones first in their former order. */
  readonly channels: readonly (InboxChannelAssignment & { readonly changed: boolean })[];
  /** Users no channel has room for: more users than the limits allow. */
  readonly unplaced: readonly string[];
}

/**
 * Spreads the users over the channels: a user stays where it is while it is synced (so a new user costs one
 * subscription call on one channel, not a reshuffle), a user gone leaves its channel, new users fill the channels
 * with room, then new channels, within the limits. `changed` marks each channel whose topics must be sent again.
 */
export function planInboxChannels(
  users: readonly string[],
  current: readonly InboxChannelAssignment[],
  limits: InboxChannelLimits,
): InboxChannelPlan {
  const wanted = new Set(users);
  const placed = new Set<string>();
  const channels = current.slice(0, limits.channels).map((channel) => {
    const kept = channel.userIds
      .filter((id) => wanted.has(id) && !placed.has(id))
      .slice(0, limits.topicsPerChannel);
    kept.forEach((id) => placed.add(id));
    return { channelId: channel.channelId, userIds: kept, changed: kept.length !== channel.userIds.length };
  });
  const fresh = [...wanted].filter((id) => !placed.has(id));
  let next = 0;
  for (const channel of channels) {
    const room = limits.topicsPerChannel - channel.userIds.length;
    if (room <= 0 || next >= fresh.length) continue;
    channel.userIds = [...channel.userIds, ...fresh.slice(next, next + room)];
    channel.changed = true;
    next += room;
  }
  while (next < fresh.length && channels.length < limits.channels) {
    channels.push({
      channelId: undefined,
      userIds: fresh.slice(next, next + limits.topicsPerChannel),
      changed: true,
    });
    next += limits.topicsPerChannel;
  }
  return {
    channels: channels.filter((c) => c.channelId !== undefined || c.userIds.length > 0),
    unplaced: fresh.slice(next),
  };
}

import type { ConfigKind } from '../icws-names';
import { AuthTokens } from './auth-tokens';
import { deltasBetween, renderRefs, rippleOf, type ConfigDelta, type ConfigRef } from './config-delta';
import type { ContactCenter, UserStatusChange } from './contact-center';
import { Interactions, queueDelta, queueSnapshot, type QueueSubscription } from './interactions';
import type { JsonObject } from './json';
import { NOTHING_OMITTED, withoutOmitted, type OmittedProperties } from './omitted-properties';
import {
  customNotificationMessage,
  deltaMessage,
  snapshotMessage,
  statusMessagesMessage,
  userStatusMessage,
} from './messages';
import type { StatusMessage, UserStatus } from './model';
import { fail, ok, type Outcome } from './outcome';
import { Registry } from './registry';
import { configIds, renderConfigItem, renderStatusMessage, renderUserStatus } from './render';
import { Session, SessionStore, type ConfigSubscription } from './session';
import type { TrafficStep } from './traffic-plan';

export type ServerRole = 'primary' | 'backup';

export interface UserStatusUpdate {
  userId: string;
  change: UserStatusChange;
}

export interface ServerNode {
  role: ServerRole;
  sessions: SessionStore;
  /** `host:port` this server listens on, announced to clients in alternateHostList. */
  address?: string;
}

export interface SimulationOptions {
  withBackup: boolean;
  clock: () => Date;
  newId: () => string;
  /** Properties left out of every rendered item (see omitted-properties.ts). */
  omitted?: OmittedProperties;
}

/**
 * One contact center served by one server, or by a switchover pair where exactly one server is active at a time.
 * Admin changes go through here so that every session on every server hears the ICWS messages a real server
 * would send.
 */
export class Simulation {
  readonly servers = new Map<ServerRole, ServerNode>();
  readonly authTokens: AuthTokens;
  readonly interactions = new Interactions();
  private activeRole: ServerRole | null = 'primary';
  private omitted: OmittedProperties;
  /** Custom notifications sent since start, for /sim. */
  customNotificationsSent = 0;

  constructor(
    readonly center: ContactCenter,
    options: SimulationOptions,
  ) {
    this.omitted = options.omitted ?? NOTHING_OMITTED;
    this.authTokens = new AuthTokens(options.newId, options.clock);
    this.servers.set('primary', { role: 'primary', sessions: new SessionStore(options.newId) });
    if (options.withBackup)
      this.servers.set('backup', { role: 'backup', sessions: new SessionStore(options.newId) });
  }

  get active(): ServerRole | null {
    return this.activeRole;
  }

  server(role: ServerRole): ServerNode {
    const node = this.servers.get(role);
    if (!node) throw new Error(`no ${role} server`);
    return node;
  }

  /** The servers a refused client should try instead: the other members of the pair. */
  alternateHosts(role: ServerRole): string[] {
    return [...this.servers.values()]
      .filter((node) => node.role !== role && node.address !== undefined)
      .map((node) => node.address as string);
  }

  /** The active server hands over to the other one; its sessions are dropped, as in a CIC switchover. */
  switchover(): Outcome<ServerRole> {
    if (!this.servers.has('backup')) return fail('invalid', 'no backup server: start with --backup-port');
    const from = this.activeRole ?? 'backup';
    const to: ServerRole = from === 'primary' ? 'backup' : 'primary';
    this.server(from).sessions.dropAll();
    this.activeRole = to;
    return ok(to);
  }

  /** The primary stops serving; the backup, if any, takes over. */
  primaryDown(): Outcome<ServerRole | null> {
    this.server('primary').sessions.dropAll();
    if (this.activeRole === 'primary') this.activeRole = this.servers.has('backup') ? 'backup' : null;
    return ok(this.activeRole);
  }

  /** The primary serves again if nothing else does; otherwise it waits as the standby, as a restarted CIC does. */
  primaryUp(): Outcome<ServerRole | null> {
    if (this.activeRole === null) this.activeRole = 'primary';
    return ok(this.activeRole);
  }

  /** Runs one admin change and publishes its ripple to every subscription. */
  change(targets: readonly ConfigRef[], mutate: () => Outcome): Outcome {
    const refs = targets.flatMap((target) => rippleOf(this.center, target));
    const render = (ref: ConfigRef) => this.renderItem(ref.kind, ref.id);
    const before = renderRefs(render, refs);
    const outcome = mutate();
    if (!outcome.ok) return outcome;
    this.publish(deltasBetween(before, renderRefs(render, refs)));
    return ok();
  }

  /** The ICWS form of one configuration item as this server sends it (omitted properties left out). */
  renderItem(kind: ConfigKind, id: string): JsonObject | undefined {
    const object = renderConfigItem(this.center, kind, id);
    return object && withoutOmitted(object, this.omitted.get(kind) ?? []);
  }

  /** From now on, items are rendered without these properties; subscriptions hear it with their next message. */
  omitProperties(omitted: OmittedProperties): void {
    this.omitted = omitted;
  }

  subscribeConfig(session: Session, subscription: ConfigSubscription): void {
    session.configSubscriptions.set(
      Session.subscriptionKey(subscription.kind, subscription.subscriptionId),
      subscription,
    );
    const objects = this.renderAll(subscription.kind);
    session.enqueue(snapshotMessage(subscription, objects));
  }

  unsubscribeConfig(session: Session, kind: ConfigKind, subscriptionId: string): boolean {
    return session.configSubscriptions.delete(Session.subscriptionKey(kind, subscriptionId));
  }

  subscribeUserStatuses(session: Session, userIds: readonly string[]): void {
    session.userStatusIds = new Set(userIds.map((id) => Registry.key(id)));
    const statuses = userIds
      .map((id) => this.center.userStatuses.get(Registry.key(id)))
      .filter((status): status is UserStatus => status !== undefined)
      .map(renderUserStatus);
    session.enqueue(userStatusMessage(false, statuses));
  }

  /** Replaces the custom notification header pairs a session listens to. */
  subscribeCustomNotifications(
    session: Session,
    headers: readonly { objectId: string; eventId: string }[],
  ): void {
    session.customNotificationKeys = new Set(
      headers.map((h) => Session.customNotificationKey(h.objectId, h.eventId)),
    );
  }

  /** Sends a custom notification to every session listening to its header pair; answers how many got it. */
  sendCustomNotification(notification: JsonObject & { objectId: string; eventId: string }): number {
    const key = Session.customNotificationKey(notification.objectId, notification.eventId);
    const listeners = this.sessions().filter((session) => session.customNotificationKeys.has(key));
    for (const session of listeners) session.enqueue(customNotificationMessage(notification));
    this.customNotificationsSent += 1;
    return listeners.length;
  }

  subscribeStatusMessages(session: Session): void {
    session.statusMessagesSubscribed = true;
    const all = [...this.center.statusMessages.values()].map(renderStatusMessage);
    session.enqueue(statusMessagesMessage(false, all, [], []));
  }

  setUserStatus(userId: string, change: UserStatusChange): Outcome<UserStatus> {
    const [outcome] = this.setUserStatuses([{ userId, change }]);
    return outcome ?? fail('invalid', 'no status change');
  }

  /**
   * Applies several status changes at once and tells each subscribed session in one userStatusMessage holding
   * every change it covers, as ICWS batches them (a storm's tick is one message, not one per agent).
   */
  setUserStatuses(changes: readonly UserStatusUpdate[]): Outcome<UserStatus>[] {
    const outcomes = changes.map(({ userId, change }) => this.center.setUserStatus(userId, change));
    const applied = outcomes
      .filter((outcome): outcome is { ok: true; value: UserStatus } => outcome.ok)
      .map(({ value }) => ({ key: Registry.key(value.userId), rendered: renderUserStatus(value) }));
    if (applied.length === 0) return outcomes;
    for (const session of this.sessions()) {
      const covered = session.userStatusIds;
      if (!covered) continue;
      const statuses = applied.filter(({ key }) => covered.has(key)).map(({ rendered }) => rendered);
      if (statuses.length > 0) session.enqueue(userStatusMessage(true, statuses));
    }
    return outcomes;
  }

  putStatusMessage(status: StatusMessage): void {
    const rendered = renderStatusMessage(status);
    const message =
      this.center.putStatusMessage(status) === 'added'
        ? statusMessagesMessage(true, [rendered], [], [])
        : statusMessagesMessage(true, [], [rendered], []);
    this.statusSubscribers().forEach((session) => session.enqueue(message));
  }

  /** Renames a status (messageText) or changes its group or flags; subscribers hear it as changed. */
  changeStatusMessage(statusId: string, patch: Partial<Omit<StatusMessage, 'statusId'>>): Outcome {
    const existing = this.center.statusMessages.get(Registry.key(statusId));
    if (!existing) return fail('notFound', `no status message ${statusId}`);
    this.putStatusMessage({ ...existing, ...patch });
    return ok();
  }

  removeStatusMessage(statusId: string): Outcome {
    const outcome = this.center.removeStatusMessage(statusId);
    if (!outcome.ok) return outcome;
    const message = statusMessagesMessage(true, [], [], [outcome.value.statusId]);
    this.statusSubscribers().forEach((session) => session.enqueue(message));
    return ok();
  }

  /** A queue watch: replaces one of the same id and sends what is in its queues now. */
  subscribeQueues(session: Session, subscription: QueueSubscription): void {
    session.queueSubscriptions.set(subscription.subscriptionId, subscription);
    session.enqueue(queueSnapshot(subscription, this.interactions.all()));
  }

  unsubscribeQueues(session: Session, subscriptionId: string): boolean {
    return session.queueSubscriptions.delete(subscriptionId);
  }

  /**
   * One traffic step: the interaction changes, every watch of its queues hears it, and an agent who goes on or
   * off an interaction reads so in the user status (onPhone). False when the step names an unknown interaction.
   */
  applyTraffic(id: string, step: TrafficStep, now: Date): boolean {
    const applied = this.interactions.apply(id, step, now);
    if (!applied) return false;
    const current = this.interactions.get(id);
    for (const session of this.sessions()) {
      for (const subscription of session.queueSubscriptions.values()) {
        const message = queueDelta(subscription, id, current);
        if (message) session.enqueue(message);
      }
    }
    const phones = applied.phones.flatMap(({ userId, onPhone }) => {
      const status = this.center.userStatuses.get(Registry.key(userId));
      return status ? [{ userId, change: { statusId: status.statusId, onPhone } }] : [];
    });
    if (phones.length > 0) this.setUserStatuses(phones);
    return true;
  }

  private statusSubscribers(): Session[] {
    return this.sessions().filter((session) => session.statusMessagesSubscribed);
  }

  renderAll(kind: ConfigKind): JsonObject[] {
    return configIds(this.center, kind)
      .map((id) => this.renderItem(kind, id))
      .filter((object): object is JsonObject => object !== undefined);
  }

  private sessions(): Session[] {
    return [...this.servers.values()].flatMap((node) => node.sessions.all());
  }

  private publish(deltas: readonly ConfigDelta[]): void {
    for (const session of this.sessions()) {
      for (const delta of deltas) {
        for (const subscription of session.configSubscriptions.values()) {
          const message = deltaMessage(subscription, delta);
          if (message) session.enqueue(message);
        }
      }
    }
  }
}

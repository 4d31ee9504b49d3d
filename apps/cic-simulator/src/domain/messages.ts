import { ICWS } from '../icws-names';
import type { ConfigDelta } from './config-delta';
import { isObject, type Json, type JsonObject } from './json';
import { diffSelected, project } from './projection';
import type { ConfigSubscription } from './session';

/** The ids a message item is about; every configuration item carries configurationId.id. */
function idOf(object: JsonObject): string {
  const configurationId = object[ICWS.common.configurationId];
  const id = isObject(configurationId) ? configurationId[ICWS.common.id] : undefined;
  return typeof id === 'string' ? id : '';
}

function covers(subscription: ConfigSubscription, object: JsonObject): boolean {
  return subscription.ids === '*' || subscription.ids.has(idOf(object).toLowerCase());
}

function configMessage(
  subscription: ConfigSubscription,
  isDelta: boolean,
  added: Json[],
  changed: Json[],
  removed: Json[],
): JsonObject {
  const N = ICWS.configMessage;
  return {
    __type: ICWS.messages[subscription.kind],
    [N.isDelta]: isDelta,
    [N.subscriptionId]: subscription.subscriptionId,
    [N.added]: added,
    [N.changed]: changed,
    [N.removed]: removed,
  };
}

/** The first message of a subscription: isDelta false, every covered object in `added` (reference §3.5). */
export function snapshotMessage(
  subscription: ConfigSubscription,
  objects: readonly JsonObject[],
): JsonObject {
  const added = objects
    .filter((object) => covers(subscription, object))
    .map((object) => project(object, subscription.properties));
  return configMessage(subscription, false, added, [], []);
}

/**
 * What a subscription hears of one admin change: added objects with their selected properties, changed ones
 * with only the selected properties that changed (null when cleared), removed ones as configurationId only.
 * Undefined when the change touches nothing the subscription covers.
 */
export function deltaMessage(subscription: ConfigSubscription, delta: ConfigDelta): JsonObject | undefined {
  if (delta.kind !== subscription.kind) return undefined;
  const added = delta.added
    .filter((object) => covers(subscription, object))
    .map((object) => project(object, subscription.properties));
  const changed = delta.changed
    .filter(({ after }) => covers(subscription, after))
    .map(({ before, after }) => diffSelected(before, after, subscription.properties))
    .filter((item): item is JsonObject => item !== undefined);
  const removed = delta.removed
    .filter((object) => covers(subscription, object))
    .map((object) => ({ [ICWS.common.configurationId]: object[ICWS.common.configurationId] ?? null }));
  if (added.length + changed.length + removed.length === 0) return undefined;
  return configMessage(subscription, true, added, changed, removed);
}

export function userStatusMessage(isDelta: boolean, statuses: Json[]): JsonObject {
  return {
    __type: ICWS.messages.userStatuses,
    [ICWS.configMessage.isDelta]: isDelta,
    [ICWS.status.userStatusList]: statuses,
  };
}

/** [INF] One custom notification as a subscribed session receives it (ICWS.customNotification). */
export function customNotificationMessage(notification: JsonObject): JsonObject {
  return { __type: ICWS.customNotification.messageType, ...notification };
}

export function statusMessagesMessage(
  isDelta: boolean,
  added: Json[],
  changed: Json[],
  removedIds: string[],
): JsonObject {
  const N = ICWS.status;
  return {
    __type: ICWS.messages.statusMessages,
    [ICWS.configMessage.isDelta]: isDelta,
    [N.statusMessagesAdded]: added,
    [N.statusMessagesChanged]: changed,
    [N.statusMessagesRemoved]: removedIds,
  };
}

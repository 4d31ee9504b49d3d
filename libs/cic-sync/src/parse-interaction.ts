import {
  CIC_INTERACTION_LIMITS,
  cicIdSchema,
  cicInteractionIdSchema,
  type CicDirection,
  type CicMediaType,
} from '@bridge/contracts';
import { z } from 'zod';
import { ICWS } from './icws-names';
import { itemLists } from './parse-message';
import { isoOfIcwsDate } from './parse-status';
import { rejectionOfIssues, type Rejection } from './rejection';

const Q = ICWS.queues;
const A = ICWS.interaction;

/** Where ICWS says an interaction is (`Eic_State`). */
export type ObservedState =
  'queued' | 'alerting' | 'connected' | 'held' | 'disconnectedLocal' | 'disconnectedRemote';

/** One interaction as one queue watch item shows it now, its attributes read into plain values. */
export interface ObservedInteraction {
  readonly interactionId: string;
  readonly mediaType: CicMediaType;
  readonly direction: CicDirection;
  readonly state: ObservedState;
  /** When `state` was entered. */
  readonly stateChangedAt: string;
  readonly workgroupId: string;
  readonly userId?: string;
  readonly remoteAddress?: string;
  readonly remoteName?: string;
  readonly localAddress?: string;
  readonly initiatedAt: string;
  readonly connectedAt?: string;
  readonly terminatedAt?: string;
  readonly skills: readonly string[];
  /** Users on the agent's conference now. */
  readonly conferees: readonly string[];
  readonly language?: string;
  readonly acwStartedAt?: string;
  readonly acwEndedAt?: string;
  readonly wrapUpCode?: string;
  readonly disconnectReason?: string;
}

/** A queue watch message whose envelope is sound; its items are read one by one later. */
export interface QueueContents {
  readonly isDelta: boolean;
  /** Added and changed items alike: a changed item may carry only the attributes that changed. */
  readonly items: readonly unknown[];
  readonly removed: readonly unknown[];
}

export function isQueueMessage(raw: unknown): boolean {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return false;
  return (raw as Record<string, unknown>)[ICWS.message.type] === Q.messageType;
}

export function parseQueueEnvelope(
  raw: unknown,
): { ok: true; message: QueueContents } | { ok: false; rejection: Rejection } {
  const reject = (reason: Rejection['reason'], detail: string) => ({
    ok: false as const,
    rejection: { reason, detail, raw },
  });
  if (!isQueueMessage(raw)) return reject('unknownType', 'not a queue contents message');
  const record = raw as Record<string, unknown>;
  const isDelta = record[ICWS.message.isDelta];
  if (typeof isDelta !== 'boolean') return reject('invalidIsDelta', 'isDelta is not a boolean');
  const lists = itemLists(record, [
    Q.interactionsAdded,
    Q.interactionsChanged,
    Q.interactionsRemoved,
  ] as const);
  if (!lists.ok) return reject('invalidList', `${lists.name} is not an array`);
  const [added, changed, removed] = lists.lists;
  return { ok: true, message: { isDelta, items: [...added, ...changed], removed } };
}

/** An item's id and raw attributes, or why it cannot be read. */
export function parseQueueItem(
  raw: unknown,
):
  | { ok: true; interactionId: string; attributes: Record<string, unknown> }
  | { ok: false; rejection: Rejection } {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    return { ok: false, rejection: { reason: 'itemNotObject', detail: 'an item is not an object', raw } };
  const record = raw as Record<string, unknown>;
  const id = cicInteractionIdSchema.safeParse(record[Q.interactionId]);
  if (!id.success) return { ok: false, rejection: { reason: 'missingId', detail: 'no interactionId', raw } };
  const attributes = record[Q.attributes];
  if (typeof attributes !== 'object' || attributes === null || Array.isArray(attributes))
    return {
      ok: false,
      rejection: { reason: 'invalidProperty', detail: 'attributes is not an object', raw },
    };
  return { ok: true, interactionId: id.data, attributes: attributes as Record<string, unknown> };
}

const text = z.string().max(CIC_INTERACTION_LIMITS.remoteText);
// ICWS sends an attribute that has no value as an empty string: it reads as absent.
const optionalText = <T extends z.ZodType>(schema: T) =>
  z
    .union([z.literal(''), schema])
    .optional()
    .transform((value) => (value === '' ? undefined : value));
const date = z.string().transform((value, context) => {
  const iso = isoOfIcwsDate(value);
  if (iso === undefined) {
    context.addIssue({ code: 'custom', message: `not an ICWS date: ${value.slice(0, 40)}` });
    return z.NEVER;
  }
  return new Date(iso).toISOString();
});

const MEDIA: Record<string, CicMediaType> = {
  Call: 'call',
  Chat: 'chat',
  Email: 'email',
  Callback: 'callback',
};
const STATES: Record<string, ObservedState> = {
  O: 'queued',
  A: 'alerting',
  C: 'connected',
  H: 'held',
  I: 'disconnectedLocal',
  E: 'disconnectedRemote',
};

/** Ids separated by `|`, empty ones dropped, at most `limit`. */
const idList = (limit: number) =>
  optionalText(text).transform((value) =>
    value
      ? value
          .split('|')
          .filter((id) => id !== '')
          .slice(0, limit)
      : [],
  );

const attributesSchema = z.object({
  [A.objectType]: z
    .enum(Object.keys(MEDIA) as [string, ...string[]])
    .transform((value) => MEDIA[value] as CicMediaType),
  [A.callDirection]: z
    .enum(['I', 'O'])
    .transform((value): CicDirection => (value === 'I' ? 'inbound' : 'outbound')),
  [A.state]: z
    .enum(Object.keys(STATES) as [string, ...string[]])
    .transform((value) => STATES[value] as ObservedState),
  [A.stateChangeTime]: date,
  [A.workgroupName]: cicIdSchema,
  [A.userName]: optionalText(cicIdSchema),
  [A.remoteAddress]: optionalText(text),
  [A.remoteName]: optionalText(text),
  [A.localAddress]: optionalText(text),
  [A.initiationTime]: date,
  [A.connectTime]: optionalText(date),
  [A.terminationTime]: optionalText(date),
  [A.acdSkills]: idList(CIC_INTERACTION_LIMITS.skills),
  [A.conferenceMembers]: idList(CIC_INTERACTION_LIMITS.confereesPerSegment),
  [A.language]: optionalText(cicIdSchema),
  [A.acwStartTime]: optionalText(date),
  [A.acwEndTime]: optionalText(date),
  [A.wrapUpCode]: optionalText(cicIdSchema),
  [A.disconnectReason]: optionalText(text),
});

/** Every attribute a queue watch asks for. */
export const INTERACTION_ATTRIBUTES: readonly string[] = Object.values(A);

/** Reads one interaction's merged attributes; a missing or malformed one is a Rejection naming it. */
export function parseObservedInteraction(
  interactionId: string,
  attributes: Record<string, unknown>,
): { ok: true; interaction: ObservedInteraction } | { ok: false; rejection: Rejection } {
  const parsed = attributesSchema.safeParse(attributes);
  if (!parsed.success)
    return {
      ok: false,
      rejection: rejectionOfIssues(parsed.error, attributes, 'interaction', interactionId),
    };
  const a = parsed.data;
  const optional = <K extends string, V>(key: K, value: V | undefined) =>
    value === undefined ? {} : ({ [key]: value } as Record<K, V>);
  return {
    ok: true,
    interaction: {
      interactionId,
      mediaType: a[A.objectType],
      direction: a[A.callDirection],
      state: a[A.state],
      stateChangedAt: a[A.stateChangeTime],
      workgroupId: a[A.workgroupName],
      initiatedAt: a[A.initiationTime],
      skills: a[A.acdSkills],
      conferees: a[A.conferenceMembers],
      ...optional('userId', a[A.userName]),
      ...optional('remoteAddress', a[A.remoteAddress]),
      ...optional('remoteName', a[A.remoteName]),
      ...optional('localAddress', a[A.localAddress]),
      ...optional('connectedAt', a[A.connectTime]),
      ...optional('terminatedAt', a[A.terminationTime]),
      ...optional('language', a[A.language]),
      ...optional('acwStartedAt', a[A.acwStartTime]),
      ...optional('acwEndedAt', a[A.acwEndTime]),
      ...optional('wrapUpCode', a[A.wrapUpCode]),
      ...optional('disconnectReason', a[A.disconnectReason]),
    },
  };
}

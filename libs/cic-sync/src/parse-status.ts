import {
  CIC_TEXT_LIMITS,
  cicIdSchema,
  cicStatusIdSchema,
  cicStatusMessageSchema,
  cicUserStatusSchema,
  type CicStatusMessage,
  type CicUserStatus,
} from '@bridge/contracts';
import { z } from 'zod';
import { ICWS } from './icws-names';
import { defined } from './parse-item';
import { itemLists } from './parse-message';
import { rejectionOfIssues, type Rejection } from './rejection';

const S = ICWS.status;
const U = ICWS.userStatus;
const M = ICWS.statusMessage;
const L = CIC_TEXT_LIMITS;

/** A status message (§3.6) whose envelope is sound; its items are judged one by one later. */
export type StatusEnvelope =
  | { readonly kind: 'userStatus'; readonly isDelta: boolean; readonly statuses: readonly unknown[] }
  | {
      readonly kind: 'statusMessage';
      readonly isDelta: boolean;
      readonly added: readonly unknown[];
      readonly changed: readonly unknown[];
      readonly removed: readonly unknown[];
    };

export type StatusEnvelopeResult =
  | { readonly ok: true; readonly message: StatusEnvelope }
  | { readonly ok: false; readonly rejection: Rejection };

/** Whether a message is one of the status subscriptions' (`__type`), so belongs to the status mirror. */
export function isStatusMessage(raw: unknown): boolean {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return false;
  const type = (raw as Record<string, unknown>)[ICWS.message.type];
  return type === S.userStatusMessageType || type === S.statusMessagesMessageType;
}

/** Checks a status message's `__type`, `isDelta` and lists; never throws. */
export function parseStatusEnvelope(raw: unknown): StatusEnvelopeResult {
  const reject = (reason: Rejection['reason'], detail: string): StatusEnvelopeResult => ({
    ok: false,
    rejection: { reason, detail, raw },
  });
  if (!isStatusMessage(raw)) return reject('unknownType', 'not a status message');
  const record = raw as Record<string, unknown>;
  const isDelta = record[ICWS.message.isDelta];
  if (typeof isDelta !== 'boolean') return reject('invalidIsDelta', 'isDelta is not a boolean');
  if (record[ICWS.message.type] === S.userStatusMessageType) {
    const lists = itemLists(record, [S.userStatusList] as const);
    if (!lists.ok) return reject('invalidList', `${lists.name} is not an array`);
    return { ok: true, message: { kind: 'userStatus', isDelta, statuses: lists.lists[0] } };
  }
  const lists = itemLists(record, [
    S.statusMessagesAdded,
    S.statusMessagesChanged,
    S.statusMessagesRemoved,
  ] as const);
  if (!lists.ok) return reject('invalidList', `${lists.name} is not an array`);
  const [added, changed, removed] = lists.lists;
  return { ok: true, message: { kind: 'statusMessage', isDelta, added, changed, removed } };
}

const ICWS_DATE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(\.\d{1,9})?Z$/;

/** An ICWS date (`20210706T193229Z`, §3.1) as ISO 8601 (`2021-07-06T19:32:29Z`); undefined if it is not one. */
export function isoOfIcwsDate(value: string): string | undefined {
  const parts = ICWS_DATE.exec(value);
  if (!parts) return undefined;
  const [, year, month, day, hour, minute, second, fraction] = parts;
  const iso = `${year}-${month}-${day}T${hour}:${minute}:${second}${fraction ?? ''}Z`;
  return Number.isNaN(Date.parse(iso)) ? undefined : iso;
}

const icwsDate = z.string().transform((value, context) => {
  const iso = isoOfIcwsDate(value);
  if (iso === undefined) {
    context.addIssue({
      code: 'custom',
      message: `not an ICWS date (yyyyMMddTHHmmssZ): ${value.slice(0, 40)}`,
    });
    return z.NEVER;
  }
  return iso;
});
// ICWS leaves NULL properties out and a delta clears one with an explicit null: both read as absent.
const optional = <T extends z.ZodType>(schema: T) =>
  schema.nullish().transform((value) => value ?? undefined);

// Unknown properties (icServers, stations …) are dropped: z.object keeps only what is named here.
const userStatusItem = z.object({
  [U.userId]: cicIdSchema,
  [U.statusId]: cicStatusIdSchema,
  [U.statusChanged]: icwsDate,
  [U.loggedIn]: z.boolean(),
  [U.onPhone]: z.boolean(),
  [U.onPhoneChanged]: optional(icwsDate),
  [U.notes]: optional(z.string().max(L.statusNotes)),
  [U.userStatusUntil]: optional(
    z.object({
      [U.untilDateTime]: optional(icwsDate),
      [U.hasDate]: z.boolean(),
      [U.hasTime]: z.boolean(),
    }),
  ),
});

const flag = optional(z.boolean());
const flags = Object.fromEntries(M.flags.map((name) => [name, flag])) as Record<
  (typeof M.flags)[number],
  typeof flag
>;
const statusMessageItem = z.object({
  [M.statusId]: cicStatusIdSchema,
  [M.messageText]: optional(z.string().max(L.name)),
  [M.groupTag]: optional(z.string().max(L.name)),
  ...flags,
});

export type StatusItemResult<T> =
  | { readonly ok: true; readonly id: string; readonly value: T }
  | { readonly ok: false; readonly rejection: Rejection };

const idOf = (raw: unknown, name: string): string | undefined => {
  const id = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>)[name] : undefined;
  return typeof id === 'string' ? id : undefined;
};

/**
 * One item: an object, read by its wire schema, then built into the contracts' shape and checked against it (so
 * nothing this parser builds can fail later); any failure is a rejection naming the field and, when it has one,
 * the item's id.
 */
function parseWith<W extends z.ZodType, T>(
  raw: unknown,
  kind: 'userStatus' | 'statusMessage',
  idName: string,
  wire: W,
  contract: z.ZodType<T>,
  build: (data: z.output<W>) => unknown,
): StatusItemResult<T> {
  const id = idOf(raw, idName);
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    return { ok: false, rejection: { reason: 'itemNotObject', detail: 'item is not an object', raw, kind } };
  const item = wire.safeParse(raw);
  if (!item.success) return { ok: false, rejection: rejectionOfIssues(item.error, raw, kind, id) };
  const value = contract.safeParse(build(item.data));
  if (!value.success) return { ok: false, rejection: rejectionOfIssues(value.error, raw, kind, id) };
  // Both wire schemas require the id as a string, so it is one here.
  return { ok: true, id: id as string, value: value.data };
}

/** One `userStatusList` item → the contracts' CicUserStatus (dates as ISO), or a rejection naming the field. */
export function parseUserStatus(raw: unknown): StatusItemResult<CicUserStatus> {
  return parseWith(raw, 'userStatus', U.userId, userStatusItem, cicUserStatusSchema, (data) => {
    const until = data[U.userStatusUntil];
    return defined({
      userId: data[U.userId],
      statusId: data[U.statusId],
      loggedIn: data[U.loggedIn],
      onPhone: data[U.onPhone],
      changedAt: data[U.statusChanged],
      onPhoneChangedAt: data[U.onPhoneChanged],
      notes: data[U.notes],
      until:
        until &&
        defined({ dateTime: until[U.untilDateTime], hasDate: until[U.hasDate], hasTime: until[U.hasTime] }),
    });
  });
}

/** One status message definition → the contracts' CicStatusMessage (absent flags read false), or a rejection. */
export function parseStatusMessage(raw: unknown): StatusItemResult<CicStatusMessage> {
  return parseWith(raw, 'statusMessage', M.statusId, statusMessageItem, cicStatusMessageSchema, (data) =>
    defined({
      id: data[M.statusId],
      // No text: the id stands in, as a display name does for configuration objects.
      messageText: data[M.messageText] ?? data[M.statusId],
      groupTag: data[M.groupTag],
      ...Object.fromEntries(M.flags.map((flag) => [flag, data[flag] ?? false])),
    }),
  );
}

/** A removed status message's id (`statusMessagesRemoved` holds ids alone). */
export function parseRemovedStatusId(raw: unknown): StatusItemResult<string> {
  const id = cicStatusIdSchema.safeParse(raw);
  return id.success
    ? { ok: true, id: id.data, value: id.data }
    : {
        ok: false,
        rejection: {
          reason: 'invalidId',
          detail: `removed status id is not a string of 1–${L.id} characters`,
          raw,
          kind: 'statusMessage',
        },
      };
}

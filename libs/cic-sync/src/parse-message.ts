import type { CicObjectKind } from '@bridge/contracts';
import { ICWS } from './icws-names';
import { kindOfMessageType } from './kinds';
import type { Rejection } from './rejection';

/** A configuration message (§3.5) whose envelope is sound; its items are judged one by one later. */
export interface ConfigMessage {
  readonly kind: CicObjectKind;
  /** false: a full snapshot that replaces the cache; true: only what changed. */
  readonly isDelta: boolean;
  readonly added: readonly unknown[];
  readonly changed: readonly unknown[];
  readonly removed: readonly unknown[];
}

export type MessageResult =
  | { readonly ok: true; readonly message: ConfigMessage }
  | { readonly ok: false; readonly rejection: Rejection };

const M = ICWS.message;

/** Checks a message's `__type`, `isDelta` and item lists; never throws. */
export function parseConfigMessage(raw: unknown): MessageResult {
  const reject = (reason: Rejection['reason'], detail: string): MessageResult => ({
    ok: false,
    rejection: { reason, detail, raw },
  });
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    return reject('notAnObject', 'message is not a JSON object');
  const record = raw as Record<string, unknown>;
  const type = record[M.type];
  if (typeof type !== 'string' || type === '') return reject('missingType', 'message has no __type');
  const kind = kindOfMessageType(type);
  if (!kind) return reject('unknownType', `unknown __type ${type}`);
  const isDelta = record[M.isDelta];
  if (typeof isDelta !== 'boolean') return reject('invalidIsDelta', 'isDelta is not a boolean');
  const lists = itemLists(record, [M.added, M.changed, M.removed] as const);
  if (!lists.ok) return reject('invalidList', `${lists.name} is not an array`);
  const [added, changed, removed] = lists.lists;
  return { ok: true, message: { kind, isDelta, added, changed, removed } };
}

/** A message's item lists by name, absent or null read as empty; or the first that is not an array. */
export function itemLists<N extends readonly string[]>(
  record: Record<string, unknown>,
  names: N,
): { ok: true; lists: { [I in keyof N]: unknown[] } } | { ok: false; name: string } {
  const lists: unknown[][] = [];
  for (const name of names) {
    const value = record[name];
    if (value !== undefined && value !== null && !Array.isArray(value)) return { ok: false, name };
    lists.push(Array.isArray(value) ? (value as unknown[]) : []);
  }
  return { ok: true, lists: lists as { [I in keyof N]: unknown[] } };
}

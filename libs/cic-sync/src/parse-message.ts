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
  const lists: Partial<Record<'added' | 'changed' | 'removed', unknown[]>> = {};
  for (const name of [M.added, M.changed, M.removed] as const) {
    const value = record[name];
    if (value === undefined || value === null) lists[name] = [];
    else if (Array.isArray(value)) lists[name] = value;
    else return reject('invalidList', `${name} is not an array`);
  }
  return {
    ok: true,
    message: {
      kind,
      isDelta,
      added: lists.added ?? [],
      changed: lists.changed ?? [],
      removed: lists.removed ?? [],
    },
  };
}

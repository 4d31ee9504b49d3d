import { fail, ok, type Outcome } from './outcome';
import { valuesAt } from './projection';
import type { JsonObject } from './json';

/**
 * `where=` support, a documented subset: a comma list of `<property path> <op> <value>` conditions, all of which
 * must hold. Operators: `eq` (equals), `ne` (not equal), `ct` (contains), `sw` (starts with); comparisons fold
 * case, as CIC ids do. Values may be quoted with ' or " (needed when they hold a comma). Paths are dotted and
 * reach into arrays, e.g. `workgroups.id eq Sales`.
 */
export type WhereOperator = 'eq' | 'ne' | 'ct' | 'sw';
export interface Condition {
  path: string[];
  operator: WhereOperator;
  value: string;
}

function splitTopLevel(raw: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quote: string | undefined;
  for (const char of raw) {
    if (quote) {
      if (char === quote) quote = undefined;
      current += char;
    } else if (char === "'" || char === '"') {
      quote = char;
      current += char;
    } else if (char === ',') {
      parts.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  parts.push(current);
  return parts.map((part) => part.trim()).filter((part) => part !== '');
}

export function parseWhere(raw: string | undefined): Outcome<Condition[]> {
  if (raw === undefined || raw.trim() === '') return ok([]);
  const conditions: Condition[] = [];
  for (const part of splitTopLevel(raw)) {
    const match = /^([\w.]+)\s+(eq|ne|ct|sw)\s+(.*)$/i.exec(part);
    if (!match) return fail('invalid', `unsupported where condition: ${part}`);
    const [, path = '', operator = '', rawValue = ''] = match;
    const value = /^(['"]).*\1$/.test(rawValue) ? rawValue.slice(1, -1) : rawValue;
    conditions.push({ path: path.split('.'), operator: operator.toLowerCase() as WhereOperator, value });
  }
  return ok(conditions);
}

function holds(object: JsonObject, condition: Condition): boolean {
  const wanted = condition.value.toLowerCase();
  const values = valuesAt(object, condition.path)
    .filter((value) => value === null || typeof value !== 'object')
    .map((value) => String(value).toLowerCase());
  switch (condition.operator) {
    case 'eq':
      return values.includes(wanted);
    case 'ne':
      return !values.includes(wanted);
    case 'ct':
      return values.some((value) => value.includes(wanted));
    case 'sw':
      return values.some((value) => value.startsWith(wanted));
  }
}

export function matchesAll(object: JsonObject, conditions: readonly Condition[]): boolean {
  return conditions.every((condition) => holds(object, condition));
}

/** `Range: items=a-b` (inclusive, b optional). */
export interface ItemRange {
  start: number;
  end?: number;
}

export function parseRange(header: string | undefined): Outcome<ItemRange | undefined> {
  if (header === undefined || header.trim() === '') return ok(undefined);
  const match = /^\s*items\s*=\s*(\d+)\s*-\s*(\d*)\s*$/i.exec(header);
  if (!match) return fail('invalid', `unsupported Range: ${header}`);
  const start = Number(match[1]);
  const end = match[2] === '' || match[2] === undefined ? undefined : Number(match[2]);
  if (end !== undefined && end < start) return fail('invalid', `bad Range: ${header}`);
  return ok(end === undefined ? { start } : { start, end });
}

/** The most items a list returns when properties are selected (reference §3.2). */
export const SELECTED_PAGE_CAP = 200;

export interface Page<T> {
  items: T[];
  /** `items a-b/total`, present whenever the answer is not the whole list. */
  contentRange?: string;
}

/** Applies Range and the 200-item cap (only when properties are selected). */
export function pageOf<T>(all: readonly T[], range: ItemRange | undefined, capped: boolean): Page<T> {
  const start = range?.start ?? 0;
  let end = range?.end ?? all.length - 1;
  if (capped) end = Math.min(end, start + SELECTED_PAGE_CAP - 1);
  end = Math.min(end, all.length - 1);
  const items = start > end ? [] : all.slice(start, end + 1);
  if (!range && items.length === all.length) return { items };
  const contentRange = items.length === 0 ? `items */${all.length}` : `items ${start}-${end}/${all.length}`;
  return { items, contentRange };
}

import { ICWS } from '../icws-names';
import { isObject, type Json, type JsonObject } from './json';

/** `select=`: '*' for every property, or dotted property paths; none means ids only (reference §3.2). */
export type Selection = '*' | readonly string[];

export function parseSelect(raw: string | undefined): Selection {
  if (raw === undefined) return [];
  const paths = raw
    .split(',')
    .map((path) => path.trim())
    .filter((path) => path !== '');
  return paths.includes('*') ? '*' : paths;
}

export function selectsProperties(selection: Selection): boolean {
  return selection === '*' || selection.length > 0;
}

/** Every value at a dotted path; arrays on the way are searched item by item. */
export function valuesAt(value: Json | undefined, path: readonly string[]): Json[] {
  if (value === undefined) return [];
  if (path.length === 0) return Array.isArray(value) ? value : [value];
  if (Array.isArray(value)) return value.flatMap((item) => valuesAt(item, path));
  if (!isObject(value)) return [];
  const [head, ...rest] = path as [string, ...string[]];
  return valuesAt(value[head], rest);
}

function getPath(object: JsonObject, path: readonly string[]): Json | undefined {
  let current: Json | undefined = object;
  for (const segment of path) {
    if (!isObject(current)) return undefined;
    current = current[segment];
  }
  return current;
}

function setPath(object: JsonObject, path: readonly string[], value: Json): void {
  let current = object;
  path.slice(0, -1).forEach((segment) => {
    const next = current[segment];
    if (!isObject(next)) current[segment] = {};
    current = current[segment] as JsonObject;
  });
  current[path[path.length - 1] as string] = value;
}

/** The selected properties of a full object; configurationId always, absent (null) properties left out. */
export function project(full: JsonObject, selection: Selection): JsonObject {
  if (selection === '*') return full;
  const id = ICWS.common.configurationId;
  const out: JsonObject = {};
  const configurationId = full[id];
  if (configurationId !== undefined) out[id] = configurationId;
  for (const path of selection) {
    const segments = path.split('.');
    const value = getPath(full, segments);
    if (value !== undefined) setPath(out, segments, value);
  }
  return out;
}

/**
 * A changed item for a delta message: configurationId plus the selected properties whose value changed; a property
 * that became null is sent as an explicit null, so the client clears it (reference §3.5). Undefined when nothing
 * selected changed.
 */
export function diffSelected(
  before: JsonObject,
  after: JsonObject,
  selection: Selection,
): JsonObject | undefined {
  const id = ICWS.common.configurationId;
  const paths =
    selection === '*'
      ? [...new Set([...Object.keys(before), ...Object.keys(after)])].map((key) => [key])
      : [[id], ...selection.map((path) => path.split('.'))];
  const out: JsonObject = {};
  let changed = false;
  for (const path of paths) {
    const old = getPath(before, path);
    const now = getPath(after, path);
    if (JSON.stringify(old) === JSON.stringify(now)) continue;
    changed = true;
    setPath(out, path, now ?? null);
  }
  if (!changed) return undefined;
  out[id] = after[id] ?? null;
  return out;
}

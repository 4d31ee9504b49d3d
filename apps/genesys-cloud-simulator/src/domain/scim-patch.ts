import { ScimProblem } from './api-error';
import { type Filter, matchesItem, parseFilter, splitUrn } from './scim-filter';
import { EXTENSIONS, MULTI_VALUED, PATCH_OP, READ_ONLY, canonicalName } from './scim-schema';

/**
 * Applies a ScimV2PatchRequest to a user's SCIM document (RFC 7644 §3.5.2) and returns the new document; the
 * caller then validates it like a PUT body. Working on the document keeps PATCH and PUT under the same rules.
 */
export type ScimDoc = Record<string, unknown>;

interface Operation {
  op: 'add' | 'replace' | 'remove';
  path?: string;
  value?: unknown;
}

interface ParsedPath {
  urn?: string;
  attribute: string;
  filter?: Filter;
  subAttribute?: string;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function parseOperations(body: unknown): Operation[] {
  if (!isRecord(body)) throw new ScimProblem(400, 'invalidSyntax', 'The PATCH body must be a JSON object');
  const schemas = body['schemas'];
  if (!Array.isArray(schemas) || !schemas.includes(PATCH_OP)) {
    throw new ScimProblem(400, 'invalidSyntax', `schemas must contain ${PATCH_OP}`);
  }
  const operations = body['Operations'];
  if (!Array.isArray(operations) || operations.length === 0) {
    throw new ScimProblem(400, 'invalidSyntax', 'Operations must be a non-empty array');
  }
  return operations.map((raw): Operation => {
    if (!isRecord(raw)) throw new ScimProblem(400, 'invalidSyntax', 'Each operation must be an object');
    const op = typeof raw['op'] === 'string' ? raw['op'].toLowerCase() : '';
    if (op !== 'add' && op !== 'replace' && op !== 'remove') {
      throw new ScimProblem(400, 'invalidSyntax', `Unknown op '${String(raw['op'])}'`);
    }
    const path = raw['path'];
    if (path !== undefined && typeof path !== 'string') {
      throw new ScimProblem(400, 'invalidPath', 'path must be a string');
    }
    return { op, path, value: raw['value'] };
  });
}

export function parsePath(path: string): ParsedPath {
  const { urn, rest } = splitUrn(path, EXTENSIONS);
  const match = /^([A-Za-z$][\w$-]*)(?:\[(.+)\])?(?:\.([A-Za-z$][\w$-]*))?$/.exec(rest);
  if (!match?.[1]) throw new ScimProblem(400, 'invalidPath', `Invalid path '${path}'`);
  const attribute = canonicalName(urn, match[1]);
  if (!attribute) throw new ScimProblem(400, 'invalidPath', `Unknown attribute '${path}'`);
  if (urn === undefined && READ_ONLY.has(attribute)) {
    throw new ScimProblem(400, 'mutability', `Attribute '${attribute}' is read-only`);
  }
  let filter: Filter | undefined;
  if (match[2]) {
    try {
      filter = parseFilter(match[2]);
    } catch {
      throw new ScimProblem(400, 'invalidPath', `Invalid filter in path '${path}'`);
    }
  }
  return { urn, attribute, filter, subAttribute: match[3] };
}

function containerFor(doc: ScimDoc, urn: string | undefined, create: boolean): ScimDoc | undefined {
  if (!urn) return doc;
  const existing = doc[urn];
  if (isRecord(existing)) return existing;
  if (!create) return undefined;
  const fresh: ScimDoc = {};
  doc[urn] = fresh;
  return fresh;
}

const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : [value]);

/** Equality-filter attributes, used to build the element an `add` to `phoneNumbers[type eq "work"].value` needs. */
function seedFromFilter(filter: Filter): ScimDoc {
  if (filter.kind === 'eq') return { [filter.path]: filter.value };
  if (filter.kind === 'and') return { ...seedFromFilter(filter.left), ...seedFromFilter(filter.right) };
  return {};
}

function applyWithPath(doc: ScimDoc, op: Operation, path: ParsedPath): void {
  const container = containerFor(doc, path.urn, op.op !== 'remove');
  if (!container) return;
  const name = path.attribute;
  const current = container[name];

  if (path.filter) {
    const filter = path.filter;
    if (!MULTI_VALUED.has(name)) throw new ScimProblem(400, 'invalidPath', `'${name}' is not multi-valued`);
    const items = Array.isArray(current) ? current.filter(isRecord) : [];
    const selected = items.filter((item) => matchesItem(item, filter));
    if (op.op === 'remove') {
      container[name] = path.subAttribute
        ? items.map((item) => {
            if (!selected.includes(item)) return item;
            const copy = { ...item };
            delete copy[path.subAttribute ?? ''];
            return copy;
          })
        : items.filter((item) => !selected.includes(item));
      return;
    }
    if (selected.length === 0) {
      // RFC 7644: replace with no match is noTarget; add creates the element the filter describes, which is
      // what Entra ID relies on for `phoneNumbers[type eq "work"].value`.
      if (op.op === 'replace') throw new ScimProblem(400, 'noTarget', `No value matches '${op.path ?? ''}'`);
      const created = path.subAttribute
        ? { ...seedFromFilter(filter), [path.subAttribute]: op.value }
        : { ...seedFromFilter(filter), ...(isRecord(op.value) ? op.value : {}) };
      container[name] = [...items, created];
      return;
    }
    container[name] = items.map((item) => {
      if (!selected.includes(item)) return item;
      if (path.subAttribute) return { ...item, [path.subAttribute]: op.value };
      return isRecord(op.value) ? (op.op === 'add' ? { ...item, ...op.value } : op.value) : item;
    });
    return;
  }

  if (path.subAttribute) {
    const parent = isRecord(current) ? { ...current } : {};
    if (op.op === 'remove') delete parent[path.subAttribute];
    else parent[path.subAttribute] = op.value;
    container[name] = parent;
    return;
  }

  if (op.op === 'remove') {
    delete container[name];
    return;
  }
  if (op.op === 'add' && MULTI_VALUED.has(name)) {
    const existing: unknown[] = Array.isArray(current) ? current : [];
    const additions = asArray(op.value).filter(
      (value) => !existing.some((item) => JSON.stringify(item) === JSON.stringify(value)),
    );
    container[name] = [...existing, ...additions];
    return;
  }
  container[name] = op.value;
}

/** No path: the value is a partial resource whose attributes are added or replaced one by one. */
function applyWithoutPath(doc: ScimDoc, op: Operation): void {
  if (op.op === 'remove') throw new ScimProblem(400, 'noTarget', 'remove requires a path');
  if (!isRecord(op.value))
    throw new ScimProblem(400, 'invalidValue', 'value must be an object when path is absent');
  for (const [key, value] of Object.entries(op.value)) {
    const urn = EXTENSIONS.find((u) => u.toLowerCase() === key.toLowerCase());
    if (urn) {
      if (!isRecord(value)) throw new ScimProblem(400, 'invalidValue', `${urn} must be an object`);
      for (const [subKey, subValue] of Object.entries(value)) {
        applyWithPath(doc, { op: op.op, value: subValue }, parsePath(`${urn}:${subKey}`));
      }
    } else {
      applyWithPath(doc, { op: op.op, value }, parsePath(key));
    }
  }
}

export function applyPatch(document: ScimDoc, body: unknown): ScimDoc {
  const operations = parseOperations(body);
  const doc = structuredClone(document);
  for (const op of operations) {
    if (op.path === undefined || op.path === '') applyWithoutPath(doc, op);
    else applyWithPath(doc, op, parsePath(op.path));
  }
  return doc;
}

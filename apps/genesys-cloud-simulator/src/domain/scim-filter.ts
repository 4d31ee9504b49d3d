import { ScimProblem } from './api-error';

/**
 * SCIM filters as Genesys documents them: `attr eq value`, combined with `and`/`or` and parentheses, plus the
 * value path used for external ids (`…:externalIds[authority eq "x" and value eq "y"]`). Every example in the
 * reference uses `eq`; other operators answer 400 invalidFilter so a client relying on them fails here first.
 */
export type FilterValue = string | number | boolean | null;

export type Filter =
  | { readonly kind: 'eq'; readonly path: string; readonly value: FilterValue }
  | { readonly kind: 'and' | 'or'; readonly left: Filter; readonly right: Filter }
  | { readonly kind: 'valuePath'; readonly path: string; readonly filter: Filter };

type Token =
  | { t: 'word'; v: string }
  | { t: 'string'; v: string }
  | { t: '('; v: '(' }
  | { t: ')'; v: ')' }
  | { t: '['; v: '[' }
  | { t: ']'; v: ']' };

const invalid = (detail: string) => new ScimProblem(400, 'invalidFilter', detail);

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text.charAt(i);
    if (/\s/.test(c)) {
      i += 1;
    } else if (c === '(' || c === ')' || c === '[' || c === ']') {
      tokens.push({ t: c, v: c } as Token);
      i += 1;
    } else if (c === '"') {
      let value = '';
      i += 1;
      while (i < text.length && text.charAt(i) !== '"') {
        if (text.charAt(i) === '\\' && i + 1 < text.length) i += 1;
        value += text.charAt(i);
        i += 1;
      }
      if (i >= text.length) throw invalid('Unterminated string in filter');
      i += 1;
      tokens.push({ t: 'string', v: value });
    } else {
      let word = '';
      while (i < text.length && !/[\s()[\]"]/.test(text.charAt(i))) {
        word += text.charAt(i);
        i += 1;
      }
      tokens.push({ t: 'word', v: word });
    }
  }
  return tokens;
}

export function parseFilter(text: string): Filter {
  const tokens = tokenize(text);
  let pos = 0;
  const peek = () => tokens[pos];
  const next = () => {
    const token = tokens[pos];
    if (!token) throw invalid('Unexpected end of filter');
    pos += 1;
    return token;
  };

  function parseOr(): Filter {
    let left = parseAnd();
    for (let token = peek(); token?.t === 'word' && token.v.toLowerCase() === 'or'; token = peek()) {
      pos += 1;
      left = { kind: 'or', left, right: parseAnd() };
    }
    return left;
  }
  function parseAnd(): Filter {
    let left = parseTerm();
    for (let token = peek(); token?.t === 'word' && token.v.toLowerCase() === 'and'; token = peek()) {
      pos += 1;
      left = { kind: 'and', left, right: parseTerm() };
    }
    return left;
  }
  function parseTerm(): Filter {
    const token = next();
    if (token.t === '(') {
      const inner = parseOr();
      if (next().t !== ')') throw invalid('Missing ) in filter');
      return inner;
    }
    if (token.t !== 'word') throw invalid(`Unexpected '${token.v}' in filter`);
    const path = token.v;
    if (peek()?.t === '[') {
      pos += 1;
      const inner = parseOr();
      if (next().t !== ']') throw invalid('Missing ] in filter');
      return { kind: 'valuePath', path, filter: inner };
    }
    const op = next();
    if (op.t !== 'word') throw invalid(`Expected an operator after ${path}`);
    if (op.v.toLowerCase() !== 'eq')
      throw invalid(`Unsupported filter operator '${op.v}': only eq is supported`);
    return { kind: 'eq', path, value: parseValue(next()) };
  }
  function parseValue(token: Token): FilterValue {
    if (token.t === 'string') return token.v;
    if (token.t !== 'word') throw invalid(`Unexpected '${token.v}' in filter`);
    if (token.v === 'true') return true;
    if (token.v === 'false') return false;
    if (token.v === 'null') return null;
    if (/^-?\d+(\.\d+)?$/.test(token.v)) return Number(token.v);
    // Genesys' own examples leave some values unquoted (`id eq <uuid>`, `division eq divisionName`).
    return token.v;
  }

  if (tokens.length === 0) throw invalid('Empty filter');
  const filter = parseOr();
  if (pos !== tokens.length) throw invalid(`Unexpected '${tokens[pos]?.v ?? ''}' in filter`);
  return filter;
}

/** Looks an attribute up case-insensitively, as SCIM attribute names are. */
export function getCi(object: Record<string, unknown>, name: string): unknown {
  const key = Object.keys(object).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : object[key];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Values found at a dotted path; arrays fan out, so `emails.value` yields every address. */
function resolve(node: unknown, parts: readonly string[]): unknown[] {
  if (parts.length === 0) return Array.isArray(node) ? node : [node];
  if (Array.isArray(node)) return node.flatMap((item) => resolve(item, parts));
  if (!isRecord(node)) return [];
  const [head, ...rest] = parts;
  return resolve(getCi(node, head ?? ''), rest);
}

export interface FilterAttribute {
  /** Where the value lives in the SCIM document, dotted, below the root or an extension URN. */
  readonly at: string;
  readonly caseExact: boolean;
  /** The extension URN holding the attribute (URNs contain dots, so they are not part of `at`). */
  readonly urn?: string;
}

function startOf(doc: Record<string, unknown>, attribute: FilterAttribute): unknown {
  return attribute.urn ? doc[attribute.urn] : doc;
}

/** Splits `urn:…:User:attr.sub` into the extension URN (if any) and the attribute path. */
export function splitUrn(path: string, urns: readonly string[]): { urn?: string; rest: string } {
  const lower = path.toLowerCase();
  for (const urn of urns) {
    if (lower === urn.toLowerCase()) return { urn, rest: '' };
    if (lower.startsWith(`${urn.toLowerCase()}:`)) return { urn, rest: path.slice(urn.length + 1) };
  }
  return { rest: path };
}

function compare(found: unknown, value: FilterValue, caseExact: boolean): boolean {
  const actual = isRecord(found) ? found['value'] : found;
  if (typeof actual === 'string' && typeof value === 'string') {
    return caseExact ? actual === value : actual.toLowerCase() === value.toLowerCase();
  }
  if (typeof actual === 'boolean' && typeof value === 'string') return String(actual) === value.toLowerCase();
  return actual === value;
}

/**
 * Tests a document against a filter. `attributes` maps each supported (lower-case) filter attribute to where it
 * lives; an attribute outside that table is an invalidFilter, which is how Genesys treats unsupported ones [INF].
 */
export function matches(
  doc: Record<string, unknown>,
  filter: Filter,
  attributes: ReadonlyMap<string, FilterAttribute>,
): boolean {
  switch (filter.kind) {
    case 'and':
      return matches(doc, filter.left, attributes) && matches(doc, filter.right, attributes);
    case 'or':
      return matches(doc, filter.left, attributes) || matches(doc, filter.right, attributes);
    case 'eq': {
      const attribute = attributes.get(filter.path.toLowerCase());
      if (!attribute) throw invalid(`Filtering on '${filter.path}' is not supported`);
      return resolve(startOf(doc, attribute), attribute.at.split('.')).some((found) =>
        compare(found, filter.value, attribute.caseExact),
      );
    }
    case 'valuePath': {
      const attribute = attributes.get(filter.path.toLowerCase());
      if (!attribute) throw invalid(`Filtering on '${filter.path}' is not supported`);
      const items = resolve(startOf(doc, attribute), attribute.at.split('.')).filter(isRecord);
      return items.some((item) => matchesItem(item, filter.filter));
    }
  }
}

/** Inside a value path (`externalIds[authority eq "a" and value eq "b"]`) names are sub-attributes. */
export function matchesItem(item: Record<string, unknown>, filter: Filter): boolean {
  switch (filter.kind) {
    case 'and':
      return matchesItem(item, filter.left) && matchesItem(item, filter.right);
    case 'or':
      return matchesItem(item, filter.left) || matchesItem(item, filter.right);
    case 'eq':
      return resolve(item, filter.path.split('.')).some((found) => compare(found, filter.value, true));
    case 'valuePath':
      throw invalid('Nested value paths are not supported');
  }
}

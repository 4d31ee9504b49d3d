const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * A value's JSON as one flat string, for text a service keeps for long and per object (a mirror's item per CIC
 * object, the last document mapping published per target). V8 keeps a JSON.stringify result longer than a few dozen characters as a rope of the
 * parts it was written in, which holds more than the text: a header per part and a node per join. A decoded copy
 * is one string of exactly the text.
 */
export function keptJson(value: unknown): string {
  return keptText(JSON.stringify(value));
}

/**
 * JSON text (JSON.stringify's or canonicalJson's) as one flat string (see keptJson). Only for JSON: it escapes
 * lone surrogates, so the round trip through UTF-8 gives back exactly the text; other text could lose them.
 */
export function keptText(text: string): string {
  return decoder.decode(encoder.encode(text));
}

/**
 * The one encoder from CIC ids (and other object keys) to NATS subject tokens.
 *
 * A token may not contain `.`, `*`, `>` or white space, and CIC ids contain all of them (user ids are names,
 * "John.Smith", "Sales Team", "Zoë"). ASCII letters, digits and `-` pass through so subjects stay readable;
 * every other UTF-8 byte, `_` included, becomes `_` + two upper-case hex digits. The mapping is one-to-one,
 * so `decodeSubjectToken(encodeSubjectToken(id)) === id` for every non-empty string.
 */
export function encodeSubjectToken(key: string): string {
  if (key.length === 0) throw new RangeError('a subject token cannot encode an empty key');
  let token = '';
  for (const byte of Buffer.from(key, 'utf8')) {
    const isPlain =
      (byte >= 0x30 && byte <= 0x39) ||
      (byte >= 0x41 && byte <= 0x5a) ||
      (byte >= 0x61 && byte <= 0x7a) ||
      byte === 0x2d;
    token += isPlain ? String.fromCharCode(byte) : `_${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return token;
}

export function decodeSubjectToken(token: string): string {
  if (!/^(?:[A-Za-z0-9-]|_[0-9A-F]{2})+$/.test(token)) {
    throw new RangeError(`not an encoded subject token: ${JSON.stringify(token)}`);
  }
  const bytes: number[] = [];
  for (let i = 0; i < token.length; i++) {
    if (token[i] === '_') {
      bytes.push(parseInt(token.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(token.charCodeAt(i));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

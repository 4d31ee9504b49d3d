import { createHash, hash } from 'node:crypto';

// The one-shot hash (Node ≥ 20.12) skips a Hash object per call: a replay derives several ids per interaction.
const sha256: (name: string) => Buffer =
  typeof hash === 'function'
    ? (name) => hash('sha256', name, 'buffer')
    : (name) => createHash('sha256').update(name).digest();

/**
 * A UUID derived from a name (RFC 9562 version 8, SHA-256 based): the same name always gives the same id, so
 * an event produced again for the same cause carries the same id and is stored once. `version` 4 marks the same
 * hash as a version 4 UUID, for APIs that accept no other (Genesys Cloud's events API): its bits are as
 * unpredictable as random ones, only reproducible.
 */
export function stableUuid(name: string, version: 4 | 8 = 8): string {
  const bytes = sha256(name).subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | (version << 4);
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  // Joined, not a template literal: V8 keeps a template literal's result as a chain of its parts, far larger than
  // the flat text, and services keep an id per object and per status for as long as they run.
  return [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20), hex.slice(20)].join('-');
}

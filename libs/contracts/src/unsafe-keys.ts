/**
 * Keys that must never be copied from CIC input into an object we build: assigning `__proto__` re-parents the
 * object (its other members are then inherited from CIC's data, and zod reads inherited members), and
 * `constructor` / `prototype` are the other two steps of the usual prototype-pollution path. No ICWS property
 * has these names, so dropping them loses nothing.
 */
const UNSAFE_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

export function isUnsafeKey(key: string): boolean {
  return UNSAFE_KEYS.has(key);
}

import { scrypt, timingSafeEqual, type BinaryLike, type ScryptOptions } from 'node:crypto';
import type { ScryptHash } from '@bridge/console-access';

function derive(
  password: BinaryLike,
  salt: BinaryLike,
  length: number,
  options: ScryptOptions,
): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password, salt, length, options, (error, key) => (error ? reject(error) : resolve(key))),
  );
}

const optionsOf = (hash: ScryptHash): ScryptOptions => ({
  N: hash.cost,
  r: hash.blockSize,
  p: hash.parallelization,
  // scrypt needs 128·N·r bytes; Node's default ceiling (32 MiB) is below what N = 2^17 takes.
  maxmem: 256 * hash.cost * hash.blockSize + 1024 * 1024,
});

/** Whether `password` hashes to `hash` (scrypt, compared in constant time). */
export async function passwordMatches(password: string, hash: ScryptHash): Promise<boolean> {
  const derived = await derive(password.normalize('NFC'), hash.salt, hash.hash.length, optionsOf(hash));
  return timingSafeEqual(derived, hash.hash);
}

/** An scrypt hash of a new password, in the form CONSOLE_OPERATORS takes. */
export async function hashPassword(password: string, salt: Buffer, cost = 2 ** 15): Promise<string> {
  const options = { cost, blockSize: 8, parallelization: 1 };
  const key = await derive(password.normalize('NFC'), salt, 32, optionsOf({ ...options, salt, hash: salt }));
  return `scrypt:${cost}:8:1:${salt.toString('base64')}:${key.toString('base64')}`;
}

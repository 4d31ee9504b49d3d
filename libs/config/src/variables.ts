import { z } from 'zod';

/** A TCP port number given as text. */
export const port = (fallback: number) => z.coerce.number().int().min(1).max(65535).default(fallback);

/** An absolute URL with one of the given protocols; add `.default(…)` or `.optional()` as needed. */
export const url = (protocols: readonly string[]) =>
  z
    .string()
    .trim()
    .refine(
      (value) => {
        try {
          return protocols.includes(new URL(value).protocol.replace(/:$/, ''));
        } catch {
          return false;
        }
      },
      `expected a ${protocols.join(' or ')} URL`,
    );

/** A comma-separated list of URLs, e.g. a CIC switchover pair. */
export const urlList = (protocols: readonly string[], fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((value) =>
      value
        .split(',')
        .map((part) => part.trim())
        .filter((part) => part.length > 0),
    )
    .pipe(z.array(url(protocols)).min(1, 'expected at least one URL'));

/** "true"/"false" (also 1/0, yes/no) as a boolean. */
export const flag = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'expected true or false' })
    .default(fallback ? 'true' : 'false')
    .transform((value) => value === 'true' || value === '1' || value === 'yes');

/** A positive whole number given as text. */
export const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

/** A token usable in NATS stream names, subjects and Postgres schema names: empty, or letters, digits and _. */
export const namespace = () =>
  z
    .string()
    .regex(
      /^([A-Za-z][A-Za-z0-9_]{0,30})?$/,
      'expected letters, digits and _ (starting with a letter), or empty',
    )
    .default('');

/**
 * The address a service listens on: loopback unless configured (DESIGN §4). Containers and Kubernetes set
 * `0.0.0.0` explicitly.
 */
export const bindHost = () => z.string().trim().min(1).default('127.0.0.1');

/** A secret that may be absent: unset and empty both mean absent, so compose can pass `${X:-}`. */
export const optionalSecret = (minLength: number) =>
  z.preprocess(
    (value) => (value === '' ? undefined : value),
    z.string().min(minLength, `expected at least ${minLength} characters`).optional(),
  );

/** A path to a file, e.g. a credentials or CA file; unset and empty both mean none. */
export const optionalFile = () =>
  z.preprocess((value) => (value === '' ? undefined : value), z.string().min(1).optional());

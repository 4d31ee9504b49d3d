import { z } from 'zod';

/** Thrown when the environment does not satisfy a service's schema; the message names every bad variable. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(
    readonly service: string,
    readonly problems: readonly string[],
  ) {
    super(`${service}: invalid configuration\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/**
 * Parses the environment once into a frozen, typed object. Each key of the schema is an environment variable
 * name; a bad or missing value raises a ConfigError naming the variable and what was expected.
 */
export function loadConfig<S extends z.ZodObject>(
  service: string,
  schema: S,
  env: Readonly<Record<string, string | undefined>>,
): Readonly<z.infer<S>> {
  const result = schema.safeParse(env);
  if (!result.success) {
    throw new ConfigError(
      service,
      result.error.issues.map((issue) => {
        const variable = String(issue.path[0]);
        const value = env[variable];
        const shown = value === undefined ? 'unset' : `got ${JSON.stringify(value)}`;
        return `${variable}: ${issue.message} (${shown})`;
      }),
    );
  }
  return Object.freeze(result.data);
}

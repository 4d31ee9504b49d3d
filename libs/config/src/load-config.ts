import { rememberGiven } from './effective-settings';
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

/** Variables whose value is a secret as a whole: never shown, even when it is wrong. */
const secretVariable = /PASSWORD|SECRET|TOKEN|KEY|_PEM$/i;
/** URLs that routinely carry a password (in the userinfo or the query): shown only without either. */
const credentialUrlVariable = new Set(['DATABASE_URL', 'NATS_URL']);

/** Whether a variable's value is a secret as a whole (a password, a token, a key). */
export function isSecretVariable(variable: string): boolean {
  return secretVariable.test(variable);
}

/**
 * A value as it may be shown (an error message, the console's settings page): a credential-bearing URL without
 * userinfo, query and fragment (undefined when it does not parse), any other value with a URL's userinfo masked.
 * Not for secrets, which are never shown.
 */
export function shownValue(variable: string, value: string): string | undefined {
  if (credentialUrlVariable.has(variable)) {
    try {
      const parsed = new URL(value.trim());
      if (parsed.username === '' && parsed.password === '' && parsed.search === '' && parsed.hash === '')
        return value;
      if (parsed.username !== '') parsed.username = '***';
      if (parsed.password !== '') parsed.password = '***';
      parsed.search = '';
      parsed.hash = '';
      return parsed.href;
    } catch {
      return undefined;
    }
  }
  return value.replace(/\/\/[^/@\s]*@/g, '//***@');
}

/**
 * How a ConfigError shows a bad value: `got "<value>"` for ordinary variables, with any URL's userinfo
 * masked; only the length for secrets; a credential-bearing URL without userinfo, query and fragment, or not
 * at all when it does not parse.
 */
export function maskedValue(variable: string, value: string): string {
  if (isSecretVariable(variable)) return `got ${value.length} characters, not shown`;
  const shown = shownValue(variable, value);
  return shown === undefined ? 'got a value that is not a URL, not shown' : `got ${JSON.stringify(shown)}`;
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
        const shown = value === undefined ? 'unset' : maskedValue(variable, value);
        return `${variable}: ${issue.message} (${shown})`;
      }),
    );
  }
  const config = Object.freeze(result.data);
  rememberGiven(
    config,
    Object.fromEntries(
      Object.keys(schema.shape).flatMap((name) => {
        const value = env[name];
        return value === undefined ? [] : [[name, value]];
      }),
    ),
  );
  return config;
}

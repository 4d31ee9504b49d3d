import { isSecretVariable, shownValue } from './load-config';

/** One setting as an operator may see it: its value (never a secret's) and whether it was set or defaulted. */
export interface EffectiveSetting {
  readonly name: string;
  readonly value?: string;
  readonly secret: boolean;
  readonly source: 'environment' | 'default';
}

/** The variables each parsed configuration was read from, as they were given (loadConfig records them). */
const given = new WeakMap<object, Readonly<Record<string, string>>>();

export function rememberGiven(config: object, variables: Readonly<Record<string, string>>): void {
  given.set(config, variables);
}

/**
 * A service's settings with where each came from: the environment (the value as given, masked as `shownValue`
 * masks it) or the default (the value the service uses; structured defaults, such as a table, are not spelled
 * out). Secrets carry no value either way. For the operator's status reads (issue 15).
 */
export function effectiveSettings(config: Readonly<Record<string, unknown>>): EffectiveSetting[] {
  const variables = given.get(config) ?? {};
  return Object.keys(config)
    .sort()
    .map((name) => {
      const secret = isSecretVariable(name);
      const raw = variables[name];
      const source = raw === undefined ? 'default' : 'environment';
      const value = secret
        ? undefined
        : raw !== undefined
          ? shownValue(name, raw)
          : defaultText(config[name]);
      return { name, ...(value === undefined ? {} : { value }), secret, source };
    });
}

function defaultText(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    return String(value);
  if (Array.isArray(value) && value.every((item) => typeof item !== 'object')) return value.join(',');
  return undefined;
}

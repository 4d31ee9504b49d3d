import { parseArgs } from 'node:util';
import type { GeneratorOptions } from './domain/generate-contact-center';
import { fail, ok, type Outcome } from './domain/outcome';

export interface CliOptions {
  fixture?: string;
  generate: Partial<GeneratorOptions>;
  port?: number;
  backupPort?: number;
  messagingVersion?: number;
  /** Status changes per minute across the whole center. */
  activity?: number;
}

const COUNTS = {
  users: 'users',
  workgroups: 'workgroups',
  skills: 'skills',
  wrapups: 'wrapUpCodes',
  seed: 'seed',
} as const;

function whole(name: string, raw: string | undefined, min: number): Outcome<number | undefined> {
  if (raw === undefined) return ok(undefined);
  const value = Number(raw);
  return Number.isInteger(value) && value >= min
    ? ok(value)
    : fail('invalid', `--${name}: expected a whole number ≥ ${min}, got "${raw}"`);
}

/**
 * `--fixture file.json | --users N --workgroups N --skills N --wrapups N --seed N`, `--port`, `--backup-port`,
 * `--messaging-version`, `--activity <changes per minute>`.
 */
export function parseCliArgs(argv: readonly string[]): Outcome<CliOptions> {
  let values: Record<string, string | undefined>;
  try {
    values = parseArgs({
      args: [...argv],
      options: {
        fixture: { type: 'string' },
        users: { type: 'string' },
        workgroups: { type: 'string' },
        skills: { type: 'string' },
        wrapups: { type: 'string' },
        seed: { type: 'string' },
        port: { type: 'string' },
        'backup-port': { type: 'string' },
        'messaging-version': { type: 'string' },
        activity: { type: 'string' },
      },
      strict: true,
    }).values;
  } catch (error) {
    return fail('invalid', error instanceof Error ? error.message : String(error));
  }
  const generate: Partial<GeneratorOptions> = {};
  for (const [flag, key] of Object.entries(COUNTS)) {
    const parsed = whole(flag, values[flag], flag === 'users' ? 1 : 0);
    if (!parsed.ok) return parsed;
    if (parsed.value !== undefined) generate[key] = parsed.value;
  }
  if (values['fixture'] !== undefined && Object.keys(generate).length > 0) {
    return fail('invalid', '--fixture cannot be combined with generator flags');
  }
  const portValue = whole('port', values['port'], 0);
  const backupPort = whole('backup-port', values['backup-port'], 0);
  const messagingVersion = whole('messaging-version', values['messaging-version'], 1);
  for (const parsed of [portValue, backupPort, messagingVersion]) if (!parsed.ok) return parsed;
  const activity = values['activity'] === undefined ? undefined : Number(values['activity']);
  if (activity !== undefined && !(Number.isFinite(activity) && activity >= 0 && activity <= 100_000))
    return fail(
      'invalid',
      `--activity: expected changes per minute from 0 to 100000, got "${values['activity']}"`,
    );
  return ok({
    ...(values['fixture'] !== undefined ? { fixture: values['fixture'] } : {}),
    generate,
    ...(portValue.ok && portValue.value !== undefined ? { port: portValue.value } : {}),
    ...(backupPort.ok && backupPort.value !== undefined ? { backupPort: backupPort.value } : {}),
    ...(messagingVersion.ok && messagingVersion.value !== undefined
      ? { messagingVersion: messagingVersion.value }
      : {}),
    ...(activity !== undefined ? { activity } : {}),
  });
}

import {
  bindHost,
  ConfigError,
  databaseVariables,
  effectiveSettings,
  flag,
  loadConfig,
  natsVariables,
  port,
  positiveInt,
  telemetryVariables,
  url,
  urlList,
} from '@bridge/config';
import { parseOperatorAccounts } from '@bridge/console-access';
import { z } from 'zod';

const schema = z.object({
  ...natsVariables,
  ...databaseVariables,
  ...telemetryVariables,
  CONSOLE_PORT: port(8080),
  CONSOLE_HOST: bindHost(),
  /** Where browsers reach the console (default `http://127.0.0.1:<CONSOLE_PORT>`); https makes its cookies Secure. */
  CONSOLE_BASE_URL: url(['http', 'https']).optional(),
  /** Lets CIC Master Administrators sign in with their CIC user id and password (checked through ICWS). */
  CONSOLE_CIC_SIGN_IN: flag(true),
  /** The CIC server, or the switchover pair primary first, asked at a CIC sign-in. */
  CIC_SERVERS: urlList(['http', 'https'], 'http://127.0.0.1:8018'),
  /** Local operator accounts: comma-separated `name=scrypt:N:r:p:salt:hash` (apps/console/src/hash-password.ts prints one). */
  CONSOLE_OPERATORS: z.string().trim().max(20_000).default(''),
  /** A session unused this long ends. */
  CONSOLE_SESSION_IDLE_MINUTES: positiveInt(30),
  /** A session ends this long after sign-in, used or not. */
  CONSOLE_SESSION_MAX_HOURS: positiveInt(8),
  /** Reverse proxies in front of the console whose X-Forwarded-For is believed (a hop count; 0: none). */
  CONSOLE_TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  /** How often the services' status is read for the Health page. */
  CONSOLE_STATUS_POLL_MS: positiveInt(2000),
  /** How long an operator command may wait for the owning service's answer. */
  CONSOLE_COMMAND_TIMEOUT_MS: positiveInt(10_000),
});

/** The console's settings (docs/configuration.md), with the local accounts parsed. */
export function readConsoleConfig(env: Readonly<Record<string, string | undefined>>) {
  const parsed = loadConfig('console', schema, env);
  const { accounts, problems } = parseOperatorAccounts(parsed.CONSOLE_OPERATORS);
  if (problems.length > 0)
    throw new ConfigError(
      'console',
      problems.map((problem) => `CONSOLE_OPERATORS: ${problem}`),
    );
  if (!parsed.CONSOLE_CIC_SIGN_IN && accounts.length === 0)
    throw new ConfigError('console', [
      'CONSOLE_OPERATORS: set at least one account when CONSOLE_CIC_SIGN_IN is off, or nobody can sign in',
    ]);
  const baseUrl = (parsed.CONSOLE_BASE_URL ?? `http://127.0.0.1:${parsed.CONSOLE_PORT}`).replace(/\/+$/, '');
  return Object.freeze({
    ...parsed,
    CONSOLE_BASE_URL: baseUrl,
    accounts,
    secureCookies: baseUrl.startsWith('https:'),
    /** The effective settings for the Configuration page; local accounts shown by name, never their hashes. */
    settings: effectiveSettings(parsed).map((setting) =>
      setting.name === 'CONSOLE_OPERATORS'
        ? { ...setting, value: accounts.map((account) => account.name).join(', ') }
        : setting,
    ),
  });
}

export type ConsoleConfig = ReturnType<typeof readConsoleConfig>;

export const CONSOLE_CONFIG = Symbol('ConsoleConfig');

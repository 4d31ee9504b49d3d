// Helpers the sync benchmarks share on top of apps/e2e/test/support (read-only there): the pid and peak RSS of
// a service process, the Genesys simulator's request log, a cheap convergence wait, and the calls' lower bound.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { compiledMain } from '@bridge/testing';
import { Client } from 'pg';
import { syncedEmail, type GenesysDump } from '../../apps/e2e/test/support/expected-org';
import type { SyncSystem } from '../../apps/e2e/test/support/sync-system';

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Builds dist/ and has every service started from it, as `npm start` and the image run them: memory and CPU
 * figures are then those of production, not of compiling TypeScript on load. `--source` keeps the sources.
 */
export function useCompiledServices(): string {
  if (process.argv.includes('--source')) return 'services run from source (@swc-node/register)';
  execFileSync(process.execPath, ['tools/build.mjs'], { stdio: 'ignore' });
  process.env['BRIDGE_RUN'] = 'dist';
  // `--heap-mib N` caps each service's V8 heap, as a container's memory limit would (Node sizes its heap from
  // it): without a limit V8 grows the heap long before it collects, and peak RSS says little about need.
  // BENCH_EXTRA_NODE_OPTIONS adds options of the services' own, such as `--perf-basic-prof-only-functions` for a
  // `perf record` of one of them (Node refuses `--cpu-prof` in NODE_OPTIONS).
  const heap = numberArg('heap-mib', 0);
  if (heap > 0)
    process.env['NODE_OPTIONS'] = [`--max-old-space-size=${heap}`, process.env['BENCH_EXTRA_NODE_OPTIONS']]
      .filter(Boolean)
      .join(' ');
  return `services run compiled (dist/, as npm start and the image)${heap > 0 ? `, V8 heap ≤ ${heap} MiB` : ''}`;
}

/** `--name value` from the command line, or the default. */
export function stringArg(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? (process.argv[at + 1] ?? fallback) : fallback;
}

/** `--name N` from the command line, or the default. */
export function numberArg(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  const value = at > 0 ? Number(process.argv[at + 1]) : fallback;
  if (!Number.isFinite(value)) throw new Error(`--${name}: expected a number`);
  return value;
}

/**
 * The pid of the node process running `main`. ServiceProcess does not expose its child, but it spawns node
 * itself (no shell in between), so the child of this process whose command line names `main` is the service.
 */
export function pidOf(main: string): number {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // The command name in field 2 may hold spaces and parentheses: the ppid is the second field after it.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid !== process.pid) continue;
      const argv = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (argv.includes(main) || argv.includes(compiledMain(main))) found.push(Number(entry));
    } catch {
      // the process ended while we looked
    }
  }
  if (found.length !== 1) throw new Error(`expected one child running ${main}, found ${found.length}`);
  return found[0] ?? 0;
}

/** Peak resident set (VmHWM) of a process, in MiB. */
export function peakRssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = /^VmHWM:\s+(\d+) kB$/m.exec(status)?.[1];
  if (kib === undefined) throw new Error(`no VmHWM for pid ${pid}`);
  return Number(kib) / 1024;
}

/** Resident set (VmRSS) of a process now, in MiB. */
export function rssMiB(pid: number): number {
  const kib = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return Number(kib ?? 0) / 1024;
}

/** The center from `--users … --seed`; by default issue 18's 100,000-user center, which the memory benches use. */
export function largeCenterArgs() {
  return {
    users: numberArg('users', 100_000),
    workgroups: numberArg('workgroups', 3_000),
    skills: numberArg('skills', 1_000),
    wrapups: numberArg('wrapups', 2_000),
    seed: numberArg('seed', 5),
  };
}

/** The memory benches' last rows: a process's peak RSS (or the peak before a heap snapshot, which inflates it) and CPU. */
export function memoryRows(pid: number, peakBeforeSnapshot: number | undefined): [string, string, string][] {
  return [
    [
      'peak RSS (VmHWM)',
      `${(peakBeforeSnapshot ?? peakRssMiB(pid)).toFixed(0)} MiB`,
      peakBeforeSnapshot === undefined ? '' : 'before the heap snapshot',
    ],
    ['CPU s', cpuSeconds(pid).toFixed(1), ''],
  ];
}

/** CPU seconds (user + system) a process has used so far; Linux counts in ticks of 1/100 s. */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** CPU seconds the whole machine has spent busy (all cores, everything but idle and iowait). */
export function machineBusySeconds(): number {
  const [, ...ticks] = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').trim().split(/\s+/);
  const values = ticks.map(Number);
  const idle = (values[3] ?? 0) + (values[4] ?? 0);
  return (values.reduce((a, b) => a + b, 0) - idle) / 100;
}

export const serviceMains = {
  'cic-simulator': 'apps/cic-simulator/src/main.ts',
  'genesys-cloud-simulator': 'apps/genesys-cloud-simulator/src/main.ts',
  'cic-ingestion': 'apps/cic-ingestion/src/main.ts',
  'object-mapping': 'apps/object-mapping/src/main.ts',
  'genesys-delivery': 'apps/genesys-delivery/src/main.ts',
} as const;
export type ServiceName = keyof typeof serviceMains;

export function peakRss(names: readonly ServiceName[]): Partial<Record<ServiceName, number>> {
  return Object.fromEntries(names.map((name) => [name, peakRssMiB(pidOf(serviceMains[name]))]));
}

export function cpuOf(names: readonly ServiceName[]): Partial<Record<ServiceName, number>> {
  return Object.fromEntries(names.map((name) => [name, cpuSeconds(pidOf(serviceMains[name]))]));
}

export interface RequestSummary {
  total: number;
  byEndpoint: Record<string, number>;
  byStatus: Record<string, number>;
  kept: number;
}
export interface LoggedRequest {
  receivedAtMs: number;
  answeredAtMs: number;
  method: string;
  path: string;
  endpoint: string;
  status: number;
}

export const TOKEN_ENDPOINT = 'POST /oauth/token';

export const requestSummary = async (system: SyncSystem) =>
  (await system.genesysCall('/sim/requests/summary')) as RequestSummary;

export const requestLog = async (system: SyncSystem) =>
  (await system.genesysCall('/sim/requests')) as RequestSummary & { entries: LoggedRequest[] };

/** API calls, leaving out token requests (not rate limited, one per login). */
export const apiCalls = (summary: RequestSummary) =>
  summary.total - (summary.byEndpoint[TOKEN_ENDPOINT] ?? 0);

/**
 * The presence lane's endpoints (CIC statuses → presence, routing status, out of office): the lower bound counts
 * the configuration sync alone, so its calls are counted beside it.
 */
export const isPresenceLane = (endpoint: string) =>
  / \/api\/v2\/(presence\/|events\/users\/|users\/\{id\}\/outofoffice)/.test(endpoint);

/** API calls of the configuration sync: neither token requests nor the presence lane's. */
export const configurationCalls = (summary: RequestSummary) =>
  apiCalls(summary) -
  Object.entries(summary.byEndpoint)
    .filter(([endpoint]) => isPresenceLane(endpoint))
    .reduce((sum, [, count]) => sum + count, 0);

export interface Convergence {
  /** Wall-clock ms when the first API call (not a token request) arrived, as seen by polling the log. */
  firstCallAtMs: number;
  /** Wall-clock ms when the last call was answered: the org was final from then on (verified). */
  lastAnsweredAtMs: number;
  /**
   * The same for the last configuration call (presence lane and token requests left out). The simulator keeps only
   * its newest requests in full: when none of them is a configuration call, the last one came before the oldest
   * kept, whose arrival is then given as an upper bound (`lastConfigurationBounded`).
   */
  lastConfigurationAnsweredAtMs: number;
  lastConfigurationBounded: boolean;
  summary: RequestSummary;
  dump: GenesysDump;
  /** When each logged call arrived (wall-clock ms), for a calls-per-second timeline. */
  receivedAtMs: number[];
}

/**
 * Waits for the initial sync to end without pulling the whole org at every step: polls the request counts and the
 * delivery's backlog until the backlog is empty and no call came for `quietMs`, then compares the whole org once
 * with the e2e's `converged()` (which keeps polling if it does not match yet). The end is the answer time of the
 * last logged call, so the quiet period and the comparison do not count.
 */
export async function awaitConvergence(
  system: SyncSystem,
  timeoutMs: number,
  quietMs = 1500,
  progress = process.argv.includes('--progress'),
): Promise<Convergence> {
  const deadline = Date.now() + timeoutMs;
  let firstCallAtMs = 0;
  let lastTotal = -1;
  let lastChangeAtMs = Date.now();
  let reportedAtMs = Date.now();
  for (;;) {
    if (Date.now() > deadline) throw new Error(`no convergence within ${timeoutMs} ms`);
    const summary = await requestSummary(system);
    const now = Date.now();
    if (firstCallAtMs === 0 && apiCalls(summary) > 0) firstCallAtMs = now;
    if (progress && now - reportedAtMs >= 5000) {
      reportedAtMs = now;
      console.log(
        `  … ${await pipelineCounts(system)}; ${apiCalls(summary)} calls ${JSON.stringify(summary.byEndpoint)}`,
      );
    }
    if (summary.total !== lastTotal) {
      lastTotal = summary.total;
      lastChangeAtMs = now;
    } else if (apiCalls(summary) > 0 && now - lastChangeAtMs >= quietMs) {
      const { dirty } = (await system.deliveryCall('/delivery/backlog')) as { dirty: number };
      if (dirty === 0) break;
    }
    await sleep(50);
  }
  // Fails naming what differs, should the org not match the center in the time left.
  const { dump } = await system.converged(Math.max(1000, deadline - Date.now()));
  const log = await requestLog(system);
  const last = log.entries.at(-1);
  const lastConfiguration = log.entries.findLast(
    (entry) => entry.endpoint !== TOKEN_ENDPOINT && !isPresenceLane(entry.endpoint),
  );
  return {
    firstCallAtMs,
    lastAnsweredAtMs: last?.answeredAtMs ?? Date.now(),
    lastConfigurationAnsweredAtMs:
      lastConfiguration?.answeredAtMs ?? log.entries[0]?.receivedAtMs ?? Date.now(),
    lastConfigurationBounded: !lastConfiguration,
    summary: log,
    dump,
    receivedAtMs: log.entries.map((entry) => entry.receivedAtMs),
  };
}

/**
 * Where the pipeline stands, from its tables: the events logged and the desired objects still dirty. Read by
 * index only: a count of the whole log and of every object each few seconds cost PostgreSQL, beside a
 * 100,000-user sync on the same cores, time the figures then charged to the bridge.
 */
async function pipelineCounts(system: SyncSystem): Promise<string> {
  const { databaseUrl, schema } = system.isolation();
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const { rows } = await db
      .query<{ events: string | null; dirty: number }>(
        `SELECT (SELECT max(position) FROM "${schema}".events) AS events,
           (SELECT count(*)::int FROM "${schema}".delivery_objects WHERE dirty AND NOT quarantined) AS dirty`,
      )
      .catch(() => ({ rows: [] }));
    const counts = rows[0];
    return `${Math.round(performance.now() / 1000)} s: ${counts?.events ?? 0} events; ${counts?.dirty ?? 0} desired objects dirty`;
  } finally {
    await db.end();
  }
}

/** The fewest API calls that can build this org; see initial-sync.bench.ts for the reasoning. */
export function lowerBound(org: GenesysDump): { total: number; parts: Record<string, number> } {
  const ours = <T extends { foreign: boolean; state?: string }>(entries: Record<string, T>) =>
    Object.values(entries).filter((e) => !e.foreign && (e.state === undefined || e.state === 'active'));
  const users = Object.values(org.users).filter((u) => !u.foreign).length;
  const queues = ours(org.queues);
  const parts = {
    'user creates': users,
    'skill creates': ours(org.skills).length,
    'language creates': ours(org.languages).length,
    'wrap-up code creates': ours(org.wrapupCodes).length,
    'queue creates': queues.length,
    'member adds (≤100 a call)': queues.reduce(
      (sum, q) => sum + Math.ceil(Object.keys(q.members).length / 100),
      0,
    ),
    'queue wrap-up code adds (≤100 a call)': queues.reduce(
      (sum, q) => sum + Math.ceil(q.wrapupCodes.length / 100),
      0,
    ),
  };
  return { total: Object.values(parts).reduce((a, b) => a + b, 0), parts };
}

export const pass = (ok: boolean) => (ok ? 'pass' : 'FAIL');

/** CIC users the bridge synced on their own (no shared business email), with their Genesys user's id. */
export async function renameTargets(
  system: SyncSystem,
  dump: GenesysDump,
): Promise<{ cicId: string; genesysId: string }[]> {
  const center = await system.center();
  const holders = new Map<string, number>();
  for (const u of center.users) {
    const email = syncedEmail(u)?.toLowerCase();
    if (email) holders.set(email, (holders.get(email) ?? 0) + 1);
  }
  const genesysIdOf = new Map(
    Object.values(dump.users)
      .filter((u) => !u.foreign && u.externalId !== undefined)
      .map((u) => [u.externalId, u.id]),
  );
  const targets = center.users.flatMap((u) => {
    const email = syncedEmail(u)?.toLowerCase();
    const id = genesysIdOf.get(u.id);
    return email && holders.get(email) === 1 && id ? [{ cicId: u.id, genesysId: id }] : [];
  });
  if (targets.length === 0) throw new Error('no synced user to change');
  return targets;
}

/**
 * Reads one Genesys user's display name with `GET /api/v2/scim/v2/users/{id}` (the cheapest read the simulator
 * has) under a token of its own, so polls spend none of the bridge's rate budget.
 */
export async function displayNameReader(
  genesysUrl: string,
): Promise<(id: string) => Promise<string | undefined>> {
  const response = await fetch(`${genesysUrl}/oauth/token`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from('bridge-sandbox:bridge-sandbox-secret').toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: 'grant_type=client_credentials',
  });
  if (!response.ok) throw new Error(`token: ${response.status} ${await response.text()}`);
  const bearer = `Bearer ${((await response.json()) as { access_token: string }).access_token}`;
  return async (id) => {
    const user = await fetch(`${genesysUrl}/api/v2/scim/v2/users/${id}`, {
      headers: { authorization: bearer },
    });
    return ((await user.json()) as { displayName?: string }).displayName;
  };
}

// The console's page times (issue 15) with a synced center of N users: every service and both simulators as
// processes (compiled, as npm start runs them), then the console, signed in with a local account, walked W times
// over every page and its JSON twin, plus H record history pages of random users per walk.
//
// Run: node -r @swc-node/register bench/console/console.bench.ts [--users N] [--walks W] [--histories H] [--changes C]
//        [--seed N] [--source] [--progress]
//
// Reported: per page, the time to the last byte of the answer (the page is rendered on the server; the browser
// adds its own layout), p50 / p95 / max over the walks; p95 over every page of the walk (target ≤ 300 ms) and over
// the history pages (target ≤ 200 ms); the console's records, history and activity rows; its peak RSS.
import { randomBytes } from 'node:crypto';
import { ConsoleBrowser, freePort, startServiceProcess, type ServiceProcess } from '@bridge/testing';
import { hashPassword } from '../../apps/console/src/auth/password-check';
import { LOCAL } from '../../apps/console/test/support';
import { startSyncSystem } from '../../apps/e2e/test/support/sync-system';
import { describeMachine, printTable } from '../machine';
import {
  awaitConvergence,
  cpuOf,
  cpuSeconds,
  numberArg,
  peakRss,
  peakRssMiB,
  pidOf,
  sleep,
  useCompiledServices,
} from '../sync/support';

const USERS = numberArg('users', 10_000);
const WALKS = numberArg('walks', 20);
const HISTORIES = numberArg('histories', 10);
const SEED = numberArg('seed', 7);
const CHANGES = numberArg('changes', 5);
const CENTER = {
  users: USERS,
  workgroups: Math.max(5, Math.round(USERS / 50)),
  skills: 20,
  wrapups: 50,
  seed: SEED,
};
const CONSOLE_MAIN = 'apps/console/src/main.ts';
const BRIDGE = ['cic-ingestion', 'object-mapping', 'genesys-delivery'] as const;

const percentile = (values: readonly number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
};

async function timed(browser: ConsoleBrowser, path: string): Promise<number> {
  const started = process.hrtime.bigint();
  const response = await browser.request(path);
  await response.arrayBuffer();
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (!response.ok) throw new Error(`${path}: ${response.status}`);
  return ms;
}

/** Waits until the console shows the user synced under its new name: delivery has written what a plan reads. */
async function delivered(browser: ConsoleBrowser, id: string, name: string): Promise<void> {
  for (const deadline = Date.now() + 60_000; Date.now() < deadline; await sleep(100)) {
    const answer = (await (await browser.request(`/api/records/user/${encodeURIComponent(id)}`)).json()) as {
      record?: { name?: string; outcomeAt?: string; decidedAt?: string; outcome?: { status: string } };
    };
    const record = answer.record;
    if (
      record?.name === name &&
      record.outcome?.status === 'synced' &&
      (record.outcomeAt ?? '') >= (record.decidedAt ?? '')
    )
      return;
  }
  throw new Error(`${id} was not delivered as ${name} within a minute`);
}

async function main(): Promise<void> {
  console.log(describeMachine());
  console.log(useCompiledServices());
  const system = await startSyncSystem({ label: 'benchconsole', center: CENTER });
  let consoleProcess: ServiceProcess | undefined;
  try {
    const sync = await awaitConvergence(system, 30 * 60_000);
    console.log(
      `initial sync of ${USERS} users: ${((sync.lastAnsweredAtMs - sync.firstCallAtMs) / 1000).toFixed(1)} s`,
    );
    const port = await freePort();
    const startedAt = Date.now();
    consoleProcess = await startServiceProcess({
      name: 'console',
      main: CONSOLE_MAIN,
      env: {
        ...system.isolation().env,
        LOG_LEVEL: 'warn',
        CONSOLE_PORT: String(port),
        CIC_SERVERS: system.cic.baseUrl,
        CONSOLE_OPERATORS: `${LOCAL.name}=${await hashPassword(LOCAL.password, randomBytes(16), 2 ** 14)}`,
      },
      baseUrl: `http://127.0.0.1:${port}`,
      timeoutMs: 120_000,
    });
    const browser = new ConsoleBrowser(consoleProcess.baseUrl);
    if ((await browser.signIn(LOCAL.name, LOCAL.password)).status !== 303) throw new Error('sign-in failed');
    // Ready when the projection holds every record delivery answered for.
    let status: { ready: boolean; counts: Record<string, Record<string, number>> };
    for (;;) {
      status = (await (await browser.request('/api/status')).json()) as typeof status;
      if (status.ready && (status.counts['user']?.['synced'] ?? 0) > 0) break;
      await sleep(250);
    }
    console.log(
      `console ready (projection read from both streams) ${((Date.now() - startedAt) / 1000).toFixed(1)} s after start`,
    );

    const center = (await system.cicCall('/sim/center')) as { users: { id: string }[] };
    const userIds = center.users.map((user) => user.id);
    const some = (n: number) =>
      Array.from({ length: n }, () => userIds[Math.floor(Math.random() * userIds.length)] ?? '');
    const sample = userIds[Math.floor(userIds.length / 2)] ?? '';
    const pages: [string, string][] = [
      ['health', '/'],
      ['configuration status', '/status'],
      ['records, first page', '/records'],
      ['records, search by part of an id', `/records?q=${encodeURIComponent(sample.slice(0, 6))}`],
      [
        'records, synced users, a deep page',
        `/records?kind=user&status=synced&offset=${Math.floor(USERS / 2)}`,
      ],
      ['activity', '/activity'],
      ['activity, text filter', '/activity?q=error'],
      ['operator actions', '/actions'],
      ['dry-run plan', '/actions/plan'],
      ['configuration', '/settings'],
      ['api: health', '/api/health'],
      ['api: status', '/api/status'],
      ['api: records search', `/api/records?q=${encodeURIComponent(sample.slice(0, 6))}`],
      ['api: activity', '/api/activity'],
    ];
    const times = new Map<string, number[]>();
    const add = (name: string, ms: number) => times.set(name, [...(times.get(name) ?? []), ms]);
    for (let walk = 0; walk < WALKS; walk++) {
      for (const [name, path] of pages) add(name, await timed(browser, path));
      for (const id of some(HISTORIES)) {
        add('record history page', await timed(browser, `/records/user/${encodeURIComponent(id)}`));
        add('api: record history', await timed(browser, `/api/records/user/${encodeURIComponent(id)}`));
      }
      if (process.argv.includes('--progress')) console.log(`  walk ${walk + 1}/${WALKS}`);
    }
    // The walks mostly meet the plan delivery holds; what an operator waits for after a change is a computation.
    const synced = (
      (await (await browser.request('/api/records?kind=user&status=synced')).json()) as {
        records: { key: string }[];
      }
    ).records.map((record) => record.key);
    for (let change = 0; change < CHANGES; change++) {
      const id = synced[change % synced.length] ?? '';
      const name = `Plan bench ${change} ${id}`;
      await system.cicCall(`/sim/users/${encodeURIComponent(id)}`, 'PATCH', { displayName: name });
      await delivered(browser, id, name);
      add('dry-run plan, first view after a change', await timed(browser, '/actions/plan'));
    }
    const all = [...times]
      .filter(([name]) => !name.includes('history') && !name.includes('after a change'))
      .flatMap(([, values]) => values);
    const histories = [...times].filter(([name]) => name.includes('history')).flatMap(([, values]) => values);
    printTable(
      `page: p50 / p95 / max ms (samples), ${WALKS} walks`,
      [...times].map(([name, values]) => [
        name,
        `${percentile(values, 50).toFixed(1)} / ${percentile(values, 95).toFixed(1)} / ${Math.max(...values).toFixed(1)}`,
        `(${values.length})`,
      ]),
    );
    const counts = Object.values(status.counts).reduce(
      (sum, row) => sum + Object.values(row).reduce((a, b) => a + b, 0),
      0,
    );
    printTable('measure: value, target (issue 15)', [
      ['every page but histories, p95 over the walks', `${percentile(all, 95).toFixed(1)} ms`, '≤ 300 ms'],
      ['record history pages, p95', `${percentile(histories, 95).toFixed(1)} ms`, '≤ 200 ms'],
      ['records in the projection', String(counts), ''],
      ['console peak RSS', `${peakRssMiB(pidOf(CONSOLE_MAIN)).toFixed(0)} MiB`, ''],
      [
        'console CPU (user + system) / wall time, from its start',
        `${cpuSeconds(pidOf(CONSOLE_MAIN)).toFixed(1)} s / ${((Date.now() - startedAt) / 1000).toFixed(1)} s`,
        '',
      ],
      ...BRIDGE.map((name): [string, string, string] => [
        `${name} peak RSS, CPU (user + system) from its start`,
        `${(peakRss([name])[name] ?? NaN).toFixed(0)} MiB, ${(cpuOf([name])[name] ?? NaN).toFixed(1)} s`,
        '',
      ]),
    ]);
  } finally {
    await consoleProcess?.stop();
    await system.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

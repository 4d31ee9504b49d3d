// cic-ingestion alone against the CIC simulator, both as processes, on a large center: its peak RSS (VmHWM) while
// it ingests the users snapshot and then the user status snapshot, under a V8 heap cap as a container would set,
// and a line every 5 s of what is appended and its RSS then. The initial sync bench measures the same service
// among the whole bridge; this one takes minutes instead of a quarter of an hour, to try a change on.
//
// Run: node -r @swc-node/register bench/cic-ingestion/snapshot-memory.ts [--users N (100,000)]
//   [--workgroups N (3,000)] [--skills N (1,000)] [--wrapups N (2,000)] [--seed N (5)] [--heap-mib N (256)]
//   [--heap-snapshot-at N]: with it, a V8 heap snapshot (Heap.*.heapsnapshot in the workspace root) once N statuses
//   are appended, to see what the heap holds then. Not run by `npm run bench` (minutes, both cores).
import { createIsolation, freePort, startServiceProcess, type ServiceProcess } from '@bridge/testing';
import { Client } from 'pg';
import { describeMachine, printTable, runBench } from '../machine';
import {
  largeCenterArgs,
  memoryRows,
  numberArg,
  peakRssMiB,
  pidOf,
  rssMiB,
  serviceMains,
  useCompiledServices,
} from '../sync/support';

const CENTER = largeCenterArgs();
const HEAP_MIB = numberArg('heap-mib', 256);
const SNAPSHOT_AT = numberArg('heap-snapshot-at', 0);

async function counts(db: Client, schema: string): Promise<{ users: number; statuses: number }> {
  const { rows } = await db
    .query<{ type: string; n: number }>(
      `SELECT type, count(*)::int AS n FROM "${schema}".events
        WHERE type IN ('CicUserChanged', 'CicUserStatusChanged') GROUP BY type`,
    )
    .catch(() => ({ rows: [] as { type: string; n: number }[] }));
  const of = (type: string) => rows.find((row) => row.type === type)?.n ?? 0;
  return { users: of('CicUserChanged'), statuses: of('CicUserStatusChanged') };
}

async function main(): Promise<void> {
  console.log(describeMachine());
  console.log(useCompiledServices());
  const cicPort = await freePort();
  const cic = await startServiceProcess({
    name: 'cic-simulator',
    main: serviceMains['cic-simulator'],
    args: [
      ...[
        '--port',
        String(cicPort),
        '--users',
        String(CENTER.users),
        '--workgroups',
        String(CENTER.workgroups),
      ],
      ...[
        '--skills',
        String(CENTER.skills),
        '--wrapups',
        String(CENTER.wrapups),
        '--seed',
        String(CENTER.seed),
      ],
    ],
    // The simulator keeps the whole center; the cap under test is the ingestion's.
    env: { LOG_LEVEL: 'warn', NODE_OPTIONS: '--max-old-space-size=4096' },
    baseUrl: `http://127.0.0.1:${cicPort}`,
    ready: '/sim/state',
    timeoutMs: 60_000 + 3 * CENTER.users,
  });
  const isolation = await createIsolation('benchmem');
  const db = new Client({ connectionString: isolation.databaseUrl });
  await db.connect();
  let ingestion: ServiceProcess | undefined;
  try {
    const port = await freePort();
    const started = Date.now();
    const ready = startServiceProcess({
      name: 'cic-ingestion',
      main: serviceMains['cic-ingestion'],
      env: {
        ...isolation.env,
        LOG_LEVEL: 'warn',
        CIC_INGESTION_PORT: String(port),
        CIC_SERVERS: cic.baseUrl,
        NODE_OPTIONS:
          `--max-old-space-size=${HEAP_MIB}` + (SNAPSHOT_AT > 0 ? ' --heapsnapshot-signal=SIGUSR2' : ''),
      },
      baseUrl: `http://127.0.0.1:${port}`,
      timeoutMs: 90_000 + 5 * CENTER.users,
    });
    let pid = 0;
    let snapshotTaken = SNAPSHOT_AT === 0;
    // Writing a heap snapshot takes memory of its own: the peak that counts is the one before it.
    let peakBeforeSnapshot: number | undefined;
    let done: { users: number; statuses: number; seconds: number } | undefined;
    let last = 0;
    let failed: Error | undefined;
    ready
      .then((service) => (ingestion = service))
      .catch((error: unknown) => (failed = error instanceof Error ? error : new Error(String(error))));
    while (!done) {
      if (failed !== undefined) throw failed;
      await new Promise((resolve) => setTimeout(resolve, 500));
      pid ||= (() => {
        try {
          return pidOf(serviceMains['cic-ingestion']);
        } catch {
          return 0;
        }
      })();
      if (!pid) continue;
      const seen = await counts(db, isolation.schema);
      const seconds = (Date.now() - started) / 1000;
      if (!snapshotTaken && seen.statuses >= SNAPSHOT_AT) {
        peakBeforeSnapshot = peakRssMiB(pid);
        process.kill(pid, 'SIGUSR2');
        snapshotTaken = true;
        console.log(`  ${seconds.toFixed(0)} s: heap snapshot asked for at ${seen.statuses} statuses`);
      }
      if (seconds - last >= 5) {
        last = seconds;
        console.log(
          `  ${seconds.toFixed(0)} s: ${seen.users} users, ${seen.statuses} statuses; ` +
            `RSS ${rssMiB(pid).toFixed(0)} MiB, peak ${peakRssMiB(pid).toFixed(0)} MiB`,
        );
      }
      if (seen.users >= CENTER.users && seen.statuses >= CENTER.users) done = { ...seen, seconds };
    }
    // The relay is still publishing the tail of the log: give it time, since its batches count toward the peak.
    await new Promise((resolve) => setTimeout(resolve, 10_000));
    await ready;
    printTable(`cic-ingestion alone, ${CENTER.users} users, V8 heap ≤ ${HEAP_MIB} MiB`, [
      ['measure', 'value', 'detail'],
      [
        'users and statuses appended',
        `${done.users} and ${done.statuses}`,
        `${done.seconds.toFixed(0)} s after cic-ingestion was spawned`,
      ],
      ...memoryRows(pid, peakBeforeSnapshot),
    ]);
  } finally {
    await ingestion?.stop();
    await db.end();
    await isolation.dispose();
    await cic.stop();
  }
}

runBench(main);

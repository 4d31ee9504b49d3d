// object-mapping alone on a large center's CIC log: its peak RSS (VmHWM) while it projects the log and publishes
// the desired documents, under a V8 heap cap as a container would set, and a progress line now and then.
// The initial sync bench measures the same service among the whole bridge in a quarter of an hour; this one
// replays a CIC log recorded once, so a change to the projection is tried in minutes.
//
// Two steps:
//   --fill: the CIC simulator and cic-ingestion (as processes, generous heaps) on the center, into a kept
//     namespace (`t_ommem_src`), until every user and status is appended and relayed to its CIC stream. Once.
//   then each run: object-mapping on a fresh isolation, fed the recorded CIC stream at the broker's pace (each
//     message copied as it was, headers included, onto the fresh namespace), as it is fed during a sync.
// Run: node -r @swc-node/register bench/object-mapping/projection-memory.ts [--fill] [--users N (100,000)]
//   [--workgroups N (3,000)] [--skills N (1,000)] [--wrapups N (2,000)] [--seed N (5)] [--heap-mib N (256)]
//   [--heap-snapshot-at N]: a V8 heap snapshot once N desired documents are published; [--heap-snapshot-near-limit]:
//   one when the heap nears its cap (V8's own trigger). Snapshots go to bench-snapshots/. Not run by
//   `npm run bench` (minutes, both cores).
import { createIsolation, freePort, startServiceProcess, type ServiceProcess } from '@bridge/testing';
import { jetstream, jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { Client } from 'pg';
import { mkdirSync, readdirSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { describeMachine, printTable, runBench } from '../machine';
import {
  largeCenterArgs,
  memoryRows,
  numberArg,
  peakRssMiB,
  pidOf,
  rssMiB,
  serviceMains,
  sleep,
  useCompiledServices,
} from '../sync/support';

const CENTER = largeCenterArgs();
const HEAP_MIB = numberArg('heap-mib', 256);
const SNAPSHOT_AT = numberArg('heap-snapshot-at', 0);
const SNAPSHOT_NEAR_LIMIT = process.argv.includes('--heap-snapshot-near-limit');
const SOURCE = 't_ommem_src';
const SNAPSHOT_DIR = resolve('bench-snapshots');

async function messages(manager: JetStreamManager, stream: string): Promise<number> {
  try {
    return (await manager.streams.info(stream)).state.messages;
  } catch {
    return 0;
  }
}

/** The heap snapshots' total size so far: V8 writes one near the cap on its own, and the process must live until
 * it is whole. */
function snapshotBytes(): number {
  return readdirSync(SNAPSHOT_DIR).reduce((sum, name) => sum + statSync(resolve(SNAPSHOT_DIR, name)).size, 0);
}

function childPid(main: string): number {
  try {
    return pidOf(main);
  } catch {
    return 0;
  }
}

/** The CIC simulator and cic-ingestion on the center, into the kept namespace, until the log is relayed. */
async function fill(nats: NatsConnection): Promise<void> {
  const manager = await jetstreamManager(nats);
  const isolation = await createIsolation('ommem', SOURCE);
  await isolation.dispose();
  const cicPort = await freePort();
  const cic = await startServiceProcess({
    name: 'cic-simulator',
    main: serviceMains['cic-simulator'],
    args: [
      ...['--port', String(cicPort), '--users', String(CENTER.users)],
      ...['--workgroups', String(CENTER.workgroups), '--skills', String(CENTER.skills)],
      ...['--wrapups', String(CENTER.wrapups), '--seed', String(CENTER.seed)],
    ],
    env: { LOG_LEVEL: 'warn', NODE_OPTIONS: '--max-old-space-size=4096' },
    baseUrl: `http://127.0.0.1:${cicPort}`,
    ready: '/sim/state',
    timeoutMs: 60_000 + 3 * CENTER.users,
  });
  const db = new Client({ connectionString: isolation.databaseUrl });
  await db.connect();
  let ingestion: ServiceProcess | undefined;
  try {
    const port = await freePort();
    ingestion = await startServiceProcess({
      name: 'cic-ingestion',
      main: serviceMains['cic-ingestion'],
      env: {
        ...isolation.env,
        LOG_LEVEL: 'warn',
        CIC_INGESTION_PORT: String(port),
        CIC_SERVERS: cic.baseUrl,
        NODE_OPTIONS: '--max-old-space-size=1024',
      },
      baseUrl: `http://127.0.0.1:${port}`,
      timeoutMs: 90_000 + 5 * CENTER.users,
    });
    const started = Date.now();
    for (;;) {
      await sleep(5_000);
      const { rows } = await db
        .query<{ type: string; n: number }>(
          `SELECT type, count(*)::int AS n FROM "${SOURCE}".events GROUP BY type`,
        )
        .catch(() => ({ rows: [] as { type: string; n: number }[] }));
      const of = (type: string) => rows.find((row) => row.type === type)?.n ?? 0;
      const appended = rows.reduce((sum, row) => sum + row.n, 0);
      const relayed = await messages(manager, `${SOURCE}_CIC`);
      console.log(
        `  ${((Date.now() - started) / 1000).toFixed(0)} s: ${of('CicUserChanged')} users, ` +
          `${of('CicUserStatusChanged')} statuses; ${appended} events appended, ${relayed} relayed`,
      );
      if (
        of('CicUserChanged') >= CENTER.users &&
        of('CicUserStatusChanged') >= CENTER.users &&
        relayed >= appended
      )
        break;
    }
  } finally {
    await ingestion?.stop();
    await db.end();
    await cic.stop();
  }
}

/** Copies the recorded CIC stream onto `namespace`, subjects renamed, as fast as the broker acknowledges. */
async function replay(
  nats: NatsConnection,
  namespace: string,
  onCopied: (count: number) => void,
): Promise<void> {
  const js = jetstream(nats);
  const consumer = await js.consumers.get(`${SOURCE}_CIC`);
  const total = await messages(await jetstreamManager(nats), `${SOURCE}_CIC`);
  const inFlight = new Set<Promise<unknown>>();
  let copied = 0;
  const iterator = await consumer.consume();
  for await (const message of iterator) {
    const subject = `${namespace}.${message.subject.slice(SOURCE.length + 1)}`;
    const publish = js.publish(subject, message.data, { headers: message.headers });
    inFlight.add(publish);
    void publish.finally(() => inFlight.delete(publish));
    if (inFlight.size >= 256) await Promise.race(inFlight);
    onCopied(++copied);
    if (copied >= total) break;
  }
  await Promise.all(inFlight);
  await iterator.close();
}

async function main(): Promise<void> {
  console.log(describeMachine());
  console.log(useCompiledServices());
  const nats = await connect({ servers: process.env['NATS_URL'] ?? 'nats://127.0.0.1:4222' });
  try {
    if (process.argv.includes('--fill')) return await fill(nats);
    await measure(nats);
  } finally {
    await nats.close();
  }
}

async function measure(nats: NatsConnection): Promise<void> {
  const manager = await jetstreamManager(nats);
  const recorded = await messages(manager, `${SOURCE}_CIC`);
  if (recorded === 0) throw new Error(`no recorded CIC stream ${SOURCE}_CIC: run with --fill first`);
  mkdirSync(SNAPSHOT_DIR, { recursive: true });
  const snapshotsBefore = readdirSync(SNAPSHOT_DIR).length;
  const isolation = await createIsolation('ommem');
  let mapping: ServiceProcess | undefined;
  try {
    const port = await freePort();
    const started = Date.now();
    const options = [`--max-old-space-size=${HEAP_MIB}`, `--diagnostic-dir=${SNAPSHOT_DIR}`];
    if (SNAPSHOT_AT > 0) options.push('--heapsnapshot-signal=SIGUSR2');
    if (SNAPSHOT_NEAR_LIMIT) options.push('--heapsnapshot-near-heap-limit=1');
    mapping = await startServiceProcess({
      name: 'object-mapping',
      main: serviceMains['object-mapping'],
      env: {
        ...isolation.env,
        LOG_LEVEL: 'warn',
        OBJECT_MAPPING_PORT: String(port),
        NODE_OPTIONS: options.join(' '),
      },
      baseUrl: `http://127.0.0.1:${port}`,
      timeoutMs: 120_000,
    });
    const pid = childPid(serviceMains['object-mapping']);
    let copied = 0;
    let copyDone = false;
    const copying = replay(nats, isolation.namespace, (count) => (copied = count)).then(
      () => (copyDone = true),
    );
    let snapshotTaken = SNAPSHOT_AT === 0;
    let peakBeforeSnapshot: number | undefined;
    let peakSoFar = 0;
    let lastPrint = 0;
    let published = -1;
    let stableSince = Date.now();
    for (;;) {
      await sleep(500);
      if (!childPid(serviceMains['object-mapping'])) throw new Error('object-mapping ended');
      // Writing a heap snapshot takes memory of its own: the peak that counts is the one before it.
      if (peakBeforeSnapshot === undefined && readdirSync(SNAPSHOT_DIR).length > snapshotsBefore) {
        peakBeforeSnapshot = peakSoFar;
        console.log(`  heap snapshot begun, ${published} documents`);
      }
      peakSoFar = peakRssMiB(pid);
      const seconds = (Date.now() - started) / 1000;
      const now = await messages(manager, `${isolation.namespace}_MAPPING`);
      if (now !== published) {
        published = now;
        stableSince = Date.now();
      }
      if (!snapshotTaken && published >= SNAPSHOT_AT) {
        process.kill(pid, 'SIGUSR2');
        snapshotTaken = true;
        console.log(`  ${seconds.toFixed(0)} s: heap snapshot asked for at ${published} documents`);
      }
      if (seconds - lastPrint >= 5) {
        lastPrint = seconds;
        console.log(
          `  ${seconds.toFixed(0)} s: ${copied} of ${recorded} CIC events fed, ${published} documents; ` +
            `RSS ${rssMiB(pid).toFixed(0)} MiB, peak ${peakRssMiB(pid).toFixed(0)} MiB`,
        );
      }
      if (copyDone && Date.now() - stableSince > 15_000) break;
    }
    await copying;
    // V8 writes a snapshot's file only once it has taken the whole snapshot: wait for a file that stopped growing.
    const asked = SNAPSHOT_AT > 0 || peakBeforeSnapshot !== undefined;
    for (let size = -1, waited = 0; asked && waited < 300_000 && (size <= 0 || size !== snapshotBytes());) {
      size = snapshotBytes();
      await sleep(5_000);
      waited += 5_000;
    }
    printTable(`object-mapping alone, ${CENTER.users} users' CIC log, V8 heap ≤ ${HEAP_MIB} MiB`, [
      ['measure', 'value', 'detail'],
      ['CIC events fed, documents published', `${copied}, ${published}`, ''],
      ['seconds', ((stableSince - started) / 1000).toFixed(0), 'spawn → last document published'],
      ...memoryRows(pid, peakBeforeSnapshot),
    ]);
  } finally {
    await mapping?.stop();
    await isolation.dispose();
  }
}

runBench(main);

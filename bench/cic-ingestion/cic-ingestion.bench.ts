// cic-ingestion against the CIC simulator, both as processes: users/s from a 10,000-user snapshot, and the
// latency from an admin change (/sim) to its event on JetStream, with server-sent events and with short polling.
// Run: node -r @swc-node/register bench/cic-ingestion/cic-ingestion.bench.ts
import { createIsolation, freePort, startServiceProcess, type ServiceProcess } from '@bridge/testing';
import { connect } from '@nats-io/transport-node';
import { Client } from 'pg';
import { describeMachine, median, printTable, runBench } from '../machine';

const SNAPSHOT_USERS = 10_000;
const SNAPSHOT_ROUNDS = 3;
/** `--changes N` (default 1,000): changes per retrieval mode, made one after another (closed loop). */
const changesArg = process.argv.indexOf('--changes');
const CHANGES = changesArg > 0 ? Number(process.argv[changesArg + 1]) : 1_000;

async function simulator(users: number, messagingVersion: number): Promise<ServiceProcess> {
  const port = await freePort();
  return startServiceProcess({
    name: 'cic-simulator',
    main: 'apps/cic-simulator/src/main.ts',
    args: ['--port', String(port), '--users', String(users), '--messaging-version', String(messagingVersion)],
    env: { LOG_LEVEL: 'warn' },
    baseUrl: `http://127.0.0.1:${port}`,
    ready: '/sim/state',
    timeoutMs: 120_000,
  });
}

async function ingestion(env: Record<string, string>, cicUrl: string): Promise<ServiceProcess> {
  const port = await freePort();
  return startServiceProcess({
    name: 'cic-ingestion',
    main: 'apps/cic-ingestion/src/main.ts',
    env: { ...env, CIC_INGESTION_PORT: String(port), CIC_SERVERS: cicUrl, LOG_LEVEL: 'warn' },
    baseUrl: `http://127.0.0.1:${port}`,
    timeoutMs: 120_000,
  });
}

/** Seconds from "ingestion is connected and subscribed" to every user of the snapshot in the log. */
async function snapshotRound(cic: ServiceProcess): Promise<number> {
  const isolation = await createIsolation('benchcic');
  const db = new Client({ connectionString: isolation.databaseUrl });
  await db.connect();
  let service: ServiceProcess | undefined;
  try {
    service = await ingestion(isolation.env, cic.baseUrl);
    const started = process.hrtime.bigint();
    for (;;) {
      const rows = (await db
        .query(`SELECT count(*)::int AS n FROM "${isolation.schema}".events WHERE type = 'CicUserChanged'`)
        .catch(() => ({ rows: [{ n: 0 }] }))) as { rows: { n: number }[] };
      if ((rows.rows[0]?.n ?? 0) >= SNAPSHOT_USERS) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return Number(process.hrtime.bigint() - started) / 1e9;
  } finally {
    await service?.stop();
    await db.end();
    await isolation.dispose();
  }
}

/** p50/p99 in ms from PATCH /sim/users/{id} to the CicUserChanged of that change on the namespace's subject. */
async function latency(messagingVersion: number): Promise<{ p50: number; p99: number }> {
  const cic = await simulator(50, messagingVersion);
  const isolation = await createIsolation('benchlat');
  const nats = await connect({ servers: isolation.natsUrl });
  let service: ServiceProcess | undefined;
  try {
    service = await ingestion(isolation.env, cic.baseUrl);
    const sent = new Map<string, bigint>();
    const latencies: number[] = [];
    const subscription = nats.subscribe(`${isolation.namespace}.cic.user.changed`);
    let arrived: (() => void) | undefined;
    void (async () => {
      for await (const message of subscription) {
        const { data } = message.json<{ data: { user: { displayName?: string } } }>();
        const at = sent.get(data.user.displayName ?? '');
        if (at === undefined) continue;
        latencies.push(Number(process.hrtime.bigint() - at) / 1e6);
        sent.delete(data.user.displayName ?? '');
        arrived?.();
      }
    })();
    await new Promise((resolve) => setTimeout(resolve, 2_000)); // the snapshot's events pass first
    // One change at a time: the next starts when the previous one's event is on JetStream, so the figure is the
    // latency of a change, not the queueing of a backlog on a shared machine.
    for (let i = 0; i < CHANGES; i++) {
      const name = `Bench ${messagingVersion}.${i}`;
      const seen = new Promise<void>((resolve) => (arrived = resolve));
      sent.set(name, process.hrtime.bigint());
      await fetch(`${cic.baseUrl}/sim/users/PureCloudAdmin`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ displayName: name }),
      });
      await Promise.race([seen, new Promise((resolve) => setTimeout(resolve, 10_000))]);
    }
    subscription.unsubscribe();
    const sorted = [...latencies].sort((a, b) => a - b);
    if (sorted.length < CHANGES) console.log(`  (only ${sorted.length} of ${CHANGES} changes arrived)`);
    return { p50: median(sorted), p99: sorted[Math.floor(sorted.length * 0.99)] ?? NaN };
  } finally {
    await service?.stop();
    await nats.close();
    await isolation.dispose();
    await cic.stop();
  }
}

async function main(): Promise<void> {
  console.log(describeMachine());
  const cic = await simulator(SNAPSHOT_USERS, 2);
  const seconds: number[] = [];
  try {
    for (let round = 0; round < SNAPSHOT_ROUNDS; round++) seconds.push(await snapshotRound(cic));
  } finally {
    await cic.stop();
  }
  const sse = await latency(2);
  const polling = await latency(1);
  printTable('cic-ingestion', [
    ['measure', 'median', 'detail'],
    [
      `snapshot of ${SNAPSHOT_USERS} users`,
      `${Math.round(SNAPSHOT_USERS / median(seconds))} users/s`,
      `${median(seconds).toFixed(2)} s; rounds ${seconds.map((s) => s.toFixed(2)).join(', ')}`,
    ],
    ['admin change → JetStream, SSE', `p50 ${sse.p50.toFixed(1)} ms`, `p99 ${sse.p99.toFixed(1)} ms`],
    [
      'admin change → JetStream, polling',
      `p50 ${polling.p50.toFixed(1)} ms`,
      `p99 ${polling.p99.toFixed(1)} ms`,
    ],
  ]);
}

runBench(main);

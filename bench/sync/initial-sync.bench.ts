// The initial sync of a generated 10,000-user center through the whole bridge (CIC simulator → cic-ingestion →
// object-mapping → genesys-delivery → Genesys Cloud simulator, all processes, real Postgres and NATS): API calls
// against their lower bound, wall time with the rate limit off, pacing at 300 a minute on a scaled clock, and each
// process's peak RSS.
//
// Run: node -r @swc-node/register bench/sync/initial-sync.bench.ts [--rounds N] [--scale S] [--users N]
//   [--workgroups N] [--skills N] [--wrapups N] [--seed N]
//
// Lower bound of API calls, from the final org (GET /sim/state, the bridge's objects only):
//   users + skills + languages + wrap-up codes + queues                         one create each
//   + Σ over queues ceil(members / 100)                                         POST …/queues/{id}/members
//   + Σ over queues ceil(wrap-up codes / 100)                                   POST …/queues/{id}/wrapupcodes
// A user's skills and languages ride in its SCIM create (routingSkills/routingLanguages by name), so they need no
// call of their own once the skills and languages exist, which dependency order guarantees. A queue is created
// by name alone (the bridge's CreateQueueRequest carries neither members nor codes), so its members and codes
// are separate bulk calls. Token requests (POST /oauth/token) are left out of both sides: they are not rate
// limited and one login serves the whole run; they are printed beside.
import { Client } from 'pg';
import { jetstreamManager } from '@nats-io/jetstream';
import { connectNats, Topology } from '@bridge/messaging';
import { startSyncSystem, type CenterSize, type SyncSystem } from '../../apps/e2e/test/support/sync-system';
import { describeMachine, median, printTable, runBench } from '../machine';
import {
  TOKEN_ENDPOINT,
  apiCalls,
  configurationCalls,
  awaitConvergence,
  lowerBound,
  numberArg,
  pass,
  cpuOf,
  cpuSeconds,
  machineBusySeconds,
  peakRss,
  pidOf,
  serviceMains,
  type ServiceName,
  useCompiledServices,
} from './support';

const ROUNDS = numberArg('rounds', 1);
// How long a round may take to converge: a 100,000-user center on a loaded machine needs more than the default.
const TIMEOUT_S = numberArg('timeout-s', 600);
/**
 * Clock scale of the limited run. The limit must stay below what the bridge reaches unlimited, or the figure
 * measures the bridge instead of the pacing (docs/benchmarks.md, "Pacing"): 300/min × 12 = 60/s.
 */
const SCALE = numberArg('scale', 12);
const LIMIT = 300;
const CENTER: CenterSize = {
  users: numberArg('users', 10_000),
  workgroups: numberArg('workgroups', 300),
  skills: numberArg('skills', 200),
  wrapups: numberArg('wrapups', 500),
  seed: numberArg('seed', 5),
};
const TARGETS = { callRatio: 1.05, seconds: 20, pacing: 1.05, rssMiB: 200 };
const bridgeServices: ServiceName[] = ['cic-ingestion', 'object-mapping', 'genesys-delivery'];
const simulators: ServiceName[] = ['cic-simulator', 'genesys-cloud-simulator'];

interface Round {
  fromSpawnS: number;
  /** The last configuration call came at the latest then (before the simulator's kept log), not exactly then. */
  bounded: boolean;
  fromReadyS: number;
  fromFirstCallS: number;
  /** From spawn to the last call of any lane (the presence lane's included). */
  lastAnyCallS: number;
  /** Configuration calls: the presence lane's are counted beside (presenceCalls), outside the bound. */
  calls: number;
  presenceCalls: number;
  tokens: number;
  bound: ReturnType<typeof lowerBound>;
  byEndpoint: Record<string, number>;
  byStatus: Record<string, number>;
  rss: Partial<Record<ServiceName, number>>;
  /** CPU seconds each process spent from bridge spawn to convergence, and the machine's busy seconds. */
  cpu: Partial<Record<ServiceName | 'machine', number>>;
}

interface Start {
  at: number;
  simulatorCpu: Partial<Record<ServiceName, number>>;
  machineBusy: number;
}

const startMark = (): Start => ({
  at: Date.now(),
  simulatorCpu: cpuOf(simulators),
  machineBusy: machineBusySeconds(),
});

/** One initial sync on `system` (whose bridge was just started at `spawnedAt` and ready at `readyAt`). */
async function measure(system: SyncSystem, start: Start, readyAt: number, timeoutMs: number) {
  const spawnedAt = start.at;
  const converged = await awaitConvergence(system, timeoutMs);
  const cpu: Round['cpu'] = { ...cpuOf(bridgeServices), machine: machineBusySeconds() - start.machineBusy };
  for (const [name, before] of Object.entries(start.simulatorCpu) as [ServiceName, number][])
    cpu[name] = cpuSeconds(pidOf(serviceMains[name])) - before;
  const at = (ms: number) => ((ms - spawnedAt) / 1000).toFixed(1);
  const stages = await stageTimes(system);
  console.log(
    `  stages, s from spawn: ready ${at(readyAt)}; CIC events appended ${at(stages.firstEventMs)}–` +
      `${at(stages.lastEventMs)}, last relayed ${at(stages.cicRelayedMs)}; ${stages.documents} desired documents ` +
      `published, the last ${at(stages.mappedMs)}, stored ${at(stages.lastDocumentMs)}; calls ` +
      `${at(converged.firstCallAtMs)}–${at(converged.lastAnsweredAtMs)}`,
  );
  if (process.argv.includes('--timeline')) {
    const perSecond: number[] = [];
    for (const ms of converged.receivedAtMs) {
      const second = Math.floor((ms - spawnedAt) / 1000);
      perSecond[second] = (perSecond[second] ?? 0) + 1;
    }
    console.log(`  calls per second from spawn: ${Array.from(perSecond, (n) => n ?? 0).join(' ')}`);
  }
  const round: Round = {
    fromSpawnS: (converged.lastConfigurationAnsweredAtMs - spawnedAt) / 1000,
    bounded: converged.lastConfigurationBounded,
    fromReadyS: (converged.lastConfigurationAnsweredAtMs - readyAt) / 1000,
    fromFirstCallS: (converged.lastConfigurationAnsweredAtMs - converged.firstCallAtMs) / 1000,
    lastAnyCallS: (converged.lastAnsweredAtMs - spawnedAt) / 1000,
    calls: configurationCalls(converged.summary),
    presenceCalls: apiCalls(converged.summary) - configurationCalls(converged.summary),
    tokens: converged.summary.byEndpoint[TOKEN_ENDPOINT] ?? 0,
    bound: lowerBound(converged.dump),
    byEndpoint: converged.summary.byEndpoint,
    byStatus: converged.summary.byStatus,
    rss: peakRss(bridgeServices),
    cpu,
  };
  return round;
}

/**
 * When the pipeline's stages happened: from its tables (the event log, delivery's desired documents) and from
 * the JetStream streams between them (the time of each stream's last message).
 */
async function stageTimes(system: SyncSystem) {
  const { databaseUrl, schema, natsUrl, namespace } = system.isolation();
  const nats = await connectNats(natsUrl, 'bench');
  const manager = await jetstreamManager(nats);
  const topology = new Topology(namespace);
  const last = async (stream: 'CIC' | 'MAPPING') => {
    const { state } = await manager.streams.info(topology.stream(stream));
    return { ms: Date.parse(state.last_ts), sequence: state.last_seq };
  };
  const [cic, mapping] = [await last('CIC'), await last('MAPPING')];
  await nats.close();
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const { rows } = await db.query<{ first: Date; last: Date; document: Date }>(
      `SELECT (SELECT min(recorded_at) FROM "${schema}".events) AS first,
              (SELECT max(recorded_at) FROM "${schema}".events) AS last,
              (SELECT max(changed_at) FROM "${schema}".delivery_objects) AS document`,
    );
    const row = rows[0];
    return {
      firstEventMs: row?.first.getTime() ?? 0,
      lastEventMs: row?.last.getTime() ?? 0,
      lastDocumentMs: row?.document.getTime() ?? 0,
      cicRelayedMs: cic.ms,
      mappedMs: mapping.ms,
      documents: mapping.sequence,
    };
  } finally {
    await db.end();
  }
}

const cpuLine = (cpu: Round['cpu']) =>
  Object.entries(cpu)
    .map(([name, seconds]) => `${name} ${(seconds ?? 0).toFixed(1)}`)
    .join(', ');

async function centerShape(system: SyncSystem): Promise<string> {
  const center = await system.center();
  const members = center.workgroups.reduce((sum, w) => sum + w.members.length, 0);
  const withSkills = center.users.filter((u) => u.skills.length > 0).length;
  return (
    `${center.users.length} users (${withSkills} with direct skills), ${center.workgroups.length} workgroups ` +
    `(${(members / center.workgroups.length).toFixed(1)} members each on average), ${center.skills.length} skills ` +
    `(${center.skills.filter((s) => s.treatAsLanguage).length} languages), ${center.wrapUpCodes.length} wrap-up codes`
  );
}

/** Peak RSS of each process the moment the bridge is ready, before the sync has done much: the floor under the peaks. */
let rssAtReady: Partial<Record<ServiceName, number>> = {};

async function unlimited(): Promise<{ rounds: Round[]; simulatorRss: Partial<Record<ServiceName, number>> }> {
  let start: Start | undefined;
  const system = await startSyncSystem({
    label: 'benchsync',
    center: CENTER,
    beforeBridge: async () => {
      start = startMark();
    },
  });
  const rounds: Round[] = [];
  try {
    let readyAt = Date.now();
    rssAtReady = peakRss([...simulators, ...bridgeServices]);
    for (let round = 1; round <= ROUNDS; round++) {
      if (round > 1) {
        await system.resetBridge(`benchsync${round}`);
        readyAt = Date.now();
      }
      if (!start) throw new Error('beforeBridge did not run');
      const result = await measure(system, start, readyAt, TIMEOUT_S * 1000);
      // After the first round: the center's shape is read from the whole CIC center, CPU of the CIC simulator
      // that would otherwise compete with the sync it describes.
      if (round === 1) console.log(`center: ${await centerShape(system)}`);
      rounds.push(result);
      console.log(
        `round ${round}: ${result.bounded ? 'at most ' : ''}${result.fromSpawnS.toFixed(1)} s from spawn ` +
          `(${result.fromReadyS.toFixed(1)} s from ` +
          `ready), ${result.calls} calls for a lower bound of ${result.bound.total}; presence lane ` +
          `${result.presenceCalls} calls, the last ${result.lastAnyCallS.toFixed(1)} s from spawn; CPU s ${cpuLine(result.cpu)}`,
      );
    }
    return { rounds, simulatorRss: peakRss(simulators) };
  } finally {
    await system.stop();
  }
}

async function limited(): Promise<Round & { simulatorRss: Partial<Record<ServiceName, number>> }> {
  let start: Start | undefined;
  const system = await startSyncSystem({
    label: 'benchsynclim',
    center: CENTER,
    genesysEnv: { GC_SIM_RATE_LIMIT_PER_MINUTE: String(LIMIT), GC_SIM_CLOCK_SCALE: String(SCALE) },
    // The org's bucket holds LIMIT requests whatever the clock scale (only its refill is scaled), so the
    // delivery's burst must stay LIMIT too, or its first wall-clock minute would be a 429 storm.
    deliveryEnv: { GC_RATE_LIMIT_PER_MINUTE: String(LIMIT * SCALE), GC_RATE_BURST: String(LIMIT) },
    beforeBridge: async () => {
      start = startMark();
    },
  });
  try {
    if (!start) throw new Error('beforeBridge did not run');
    const result = await measure(system, start, Date.now(), 1_800_000);
    return { ...result, simulatorRss: peakRss(simulators) };
  } finally {
    await system.stop();
  }
}

// The target is the bridge's services'; the simulators (the test bed, which keeps the whole center and org in
// memory and serves every round's comparison) are shown for reference.
const rssRow = (name: ServiceName, mib: number): [string, string, string] => [
  `peak RSS ${name}`,
  `${Math.round(mib)} MiB`,
  `${simulators.includes(name) ? 'test bed, no target' : `≤ ${TARGETS.rssMiB} MiB ${pass(mib <= TARGETS.rssMiB)}`}; ` +
    `VmHWM just before stopping, ${Math.round(rssAtReady[name] ?? NaN)} MiB when the bridge was ready`,
];

async function main(): Promise<void> {
  console.log(describeMachine());
  console.log(useCompiledServices());
  console.log(`rounds ${ROUNDS}; limited run: ${LIMIT}/min on a clock ×${SCALE}`);
  const free = await unlimited();
  const paced = process.argv.includes('--skip-limited') ? undefined : await limited();
  const { rounds } = free;
  const ratios = rounds.map((r) => r.calls / r.bound.total);
  const seconds = rounds.map((r) => r.fromSpawnS);
  const last = rounds.at(-1);
  const rss: Partial<Record<ServiceName, number>> = {};
  for (const name of [...simulators, ...bridgeServices])
    rss[name] = Math.max(
      ...rounds.map((r) => r.rss[name] ?? 0),
      free.simulatorRss[name] ?? 0,
      paced?.rss[name] ?? 0,
      paced?.simulatorRss[name] ?? 0,
    );
  const rows: [string, string, string][] = [
    ['measure', 'median', 'target / detail'],
    [
      'API calls ÷ lower bound',
      median(ratios).toFixed(3),
      `≤ ${TARGETS.callRatio} ${pass(median(ratios) <= TARGETS.callRatio)}; ${last?.calls} calls, bound ` +
        `${last?.bound.total}; ${last?.tokens} token request(s) left out of both`,
    ],
    [
      'wall time, limit off',
      `${median(seconds).toFixed(1)} s`,
      `≤ ${TARGETS.seconds} s ${pass(median(seconds) <= TARGETS.seconds)}; bridge spawn → last call answered ` +
        `(rounds ${seconds.map((x) => x.toFixed(1)).join(', ')}); from all three ready ` +
        `${median(rounds.map((r) => r.fromReadyS)).toFixed(1)} s; first → last call ` +
        `${median(rounds.map((r) => r.fromFirstCallS)).toFixed(1)} s` +
        (rounds.some((r) => r.bounded)
          ? '; at most: the last configuration call is older than the kept log'
          : ''),
    ],
    [
      'last call of either lane',
      `${median(rounds.map((r) => r.lastAnyCallS)).toFixed(1)} s`,
      `bridge spawn → last call answered, presence lane included (rounds ${rounds.map((r) => r.lastAnyCallS.toFixed(1)).join(', ')})`,
    ],
  ];
  if (paced) {
    const perSecond = (LIMIT * SCALE) / 60;
    const ideal = paced.calls / perSecond;
    const pacing = paced.fromFirstCallS / ideal;
    rows.push([
      `paced, ${LIMIT}/min on a clock ×${SCALE}`,
      pacing.toFixed(3),
      `≤ ${TARGETS.pacing} ${pass(pacing <= TARGETS.pacing)}; first → last call ${paced.fromFirstCallS.toFixed(1)} s ` +
        `for ${paced.calls} calls at ${perSecond}/s (ideal ${ideal.toFixed(1)} s, of which the first ${LIMIT} are ` +
        `the burst); 429s ${paced.byStatus['429'] ?? 0}; calls ÷ bound ${(paced.calls / paced.bound.total).toFixed(3)}; ` +
        `bridge spawn → last call ${paced.fromSpawnS.toFixed(1)} s`,
    ]);
  }
  rows.push(...[...simulators, ...bridgeServices].map((name) => rssRow(name, rss[name] ?? 0)));
  printTable('initial sync', rows);
  if (!last) return;
  printTable(
    'CPU seconds from bridge spawn to convergence (median; machine = all cores, everything)',
    (Object.keys(last.cpu) as (keyof Round['cpu'])[]).map((name): [string, string, string] => [
      name,
      median(rounds.map((r) => r.cpu[name] ?? 0)).toFixed(1),
      '',
    ]),
  );
  printTable('lower bound (last unlimited round)', [
    ...Object.entries(last.bound.parts).map(([part, n]): [string, string, string] => [part, String(n), '']),
    ['total', String(last.bound.total), ''],
  ]);
  printTable('calls by endpoint (last unlimited round)', [
    ...Object.entries(last.byEndpoint)
      .sort(([, a], [, b]) => b - a)
      .map(([endpoint, count]): [string, string, string] => [endpoint, String(count), '']),
    ['by status', JSON.stringify(last.byStatus), ''],
  ]);
}

runBench(main);

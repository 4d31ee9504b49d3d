// Interaction replication under load (all processes, real Postgres and NATS): a center of N agents is synced,
// then the CIC simulator makes R interactions a second for M minutes (`/sim/traffic`, seeded, lives scaled by
// --life-scale so the agents can take them), and the bench waits until the backlog has drained (every
// interaction a conversation in Genesys, nothing left to send), printing every 10 s where the interactions are:
// recorded by cic-ingestion, held by genesys-delivery (and how many events are unsent), accepted by Genesys.
// The wait is bounded by three times what the run's events would take at the lane's pace; then it compares.
//
// Run: node -r @swc-node/register bench/interactions/interactions.bench.ts [--agents N] [--rate R]
//        [--minutes M] [--life-scale S] [--limited] [--seed N]
//   issue 13's size: --agents 1000 --rate 50 --minutes 10 (limit off), then the same with --limited (300/min).
//
// Reported: conversations exact (one per interaction, checked against the generator's record with
// apps/e2e/test/support/expected-conversations.ts); the lag from the interaction's last CIC change (the
// disconnect, or the end of after-call work) to the conversation's last event accepted by Genesys, p50/p99;
// conversation events per Genesys events call and per second; the drain, from the end of the traffic to the
// last event accepted; event-store growth per interaction (rows and bytes); peak RSS per process.
import { Client } from 'pg';
import {
  actualConversation,
  expectedConversation,
  type GenesysConversation,
  type MadeInteraction,
} from '../../apps/e2e/test/support/expected-conversations';
import { startSyncSystem, type SyncSystem } from '../../apps/e2e/test/support/sync-system';
import { describeMachine, printTable } from '../machine';
import {
  awaitConvergence,
  numberArg,
  pass,
  peakRss,
  requestSummary,
  serviceMains,
  sleep,
  useCompiledServices,
  type ServiceName,
} from '../sync/support';

const AGENTS = numberArg('agents', 1_000);
const RATE = numberArg('rate', 50);
const MINUTES = numberArg('minutes', 10);
const LIFE_SCALE = numberArg('life-scale', 0.05);
const SEED = numberArg('seed', 13);
const LIMITED = process.argv.includes('--limited');
const LIMIT_PER_MINUTE = 300;
const CENTER = {
  users: AGENTS,
  workgroups: Math.max(2, Math.round(AGENTS / 40)),
  skills: 10,
  wrapups: 20,
  seed: SEED,
};
const EVENTS_ENDPOINT = 'POST /api/v2/events/conversations';
const PROGRESS_MS = 10_000;
/** The lane's defaults (DELIVERY_REPLICATION_SHARE, DELIVERY_REPLICATION_BATCH): its pace at the limit. */
const REPLICATION_SHARE = 0.3;
const REPLICATION_BATCH = 500;
const sustainableEventsPerSecond = ((REPLICATION_SHARE * LIMIT_PER_MINUTE) / 60) * REPLICATION_BATCH;
/** More conversation events than an interaction of the generator's mix makes (about 8). */
const EVENTS_PER_INTERACTION_BOUND = 12;
/** Without a limit the drain is bounded by the processes, not the rate: a floor for the bound. */
const UNLIMITED_EVENTS_PER_SECOND = 2_000;

interface Traffic {
  running: boolean;
  interactions: number;
  made: MadeInteraction[];
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted.length === 0
    ? NaN
    : (sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN);
}

/** Event-store rows and bytes of the interaction streams. */
async function interactionStorage(system: SyncSystem, db: Client): Promise<{ rows: number; bytes: number }> {
  const result = await db.query<{ rows: string; bytes: string | null }>(
    `SELECT count(*) AS rows, sum(pg_column_size(e.*)) AS bytes FROM "${system.isolation().schema}".events e
     WHERE stream_id LIKE 'cic-interaction:%'`,
  );
  return { rows: Number(result.rows[0]?.rows ?? 0), bytes: Number(result.rows[0]?.bytes ?? 0) };
}

/** Where the run's interactions are now, from CIC's log to Genesys. */
interface Snapshot {
  readonly atMs: number;
  /** Interactions the generator has made so far. */
  readonly made: number;
  /** Interaction events cic-ingestion recorded. */
  readonly recorded: number;
  /** Conversations genesys-delivery holds, and their events it has not sent or given up yet. */
  readonly held: number;
  readonly unsent: number;
  /** Conversations due in the replication lane (new events, a wait or a retry). */
  readonly due: number;
  readonly genesysConversations: number;
  readonly accepted: number;
  readonly calls: number;
}

/** Reads the pipeline's counters and prints one progress line with what moved since the last. */
class Progress {
  private last: Snapshot | undefined;

  constructor(
    private readonly system: SyncSystem,
    private readonly db: Client,
    private readonly callsBefore: number,
    private readonly startedMs = Date.now(),
  ) {}

  async print(phase: string): Promise<Snapshot> {
    const now = await this.read();
    const last = this.last;
    this.last = now;
    const seconds = last ? (now.atMs - last.atMs) / 1000 : NaN;
    const calls = last ? now.calls - last.calls : 0;
    const accepted = last ? now.accepted - last.accepted : 0;
    console.log(
      `  … ${phase} ${((now.atMs - this.startedMs) / 1000).toFixed(0)} s: ${now.made} made, ` +
        `${now.recorded} CIC events; delivery ${now.held} conversations, ${now.unsent} events unsent ` +
        `(${now.due} due); Genesys ${now.genesysConversations} conversations, ${now.accepted} events in ` +
        `${now.calls} calls` +
        (last
          ? `; last ${seconds.toFixed(0)} s: ${(accepted / seconds).toFixed(0)} events/s, ` +
            `${(calls / seconds).toFixed(2)} calls/s, ${calls > 0 ? (accepted / calls).toFixed(0) : '–'} a call`
          : ''),
    );
    return now;
  }

  private async read(): Promise<Snapshot> {
    const schema = this.system.isolation().schema;
    const [traffic, genesys, summary, counts] = await Promise.all([
      this.system.cicCall('/sim/traffic') as Promise<Traffic>,
      this.system.genesysCall('/sim/conversations') as Promise<Record<string, number>>,
      requestSummary(this.system),
      this.db.query<Record<'recorded' | 'held' | 'unsent' | 'due', string | null>>(
        `SELECT (SELECT count(*) FROM "${schema}".events WHERE stream_id LIKE 'cic-interaction:%') AS recorded,
           count(*) AS held, count(*) FILTER (WHERE dirty) AS due,
           sum(known_events - cardinality(accepted) - cardinality(skipped)) AS unsent
         FROM "${schema}".delivery_conversations`,
      ),
    ]);
    const row = counts.rows[0];
    return {
      atMs: Date.now(),
      made: traffic.interactions,
      recorded: Number(row?.recorded ?? 0),
      held: Number(row?.held ?? 0),
      unsent: Number(row?.unsent ?? 0),
      due: Number(row?.due ?? 0),
      genesysConversations: Number(genesys['conversations'] ?? 0),
      accepted: Number(genesys['accepted'] ?? 0),
      calls: (summary.byEndpoint[EVENTS_ENDPOINT] ?? 0) - this.callsBefore,
    };
  }
}

interface Drained {
  readonly made: MadeInteraction[];
  readonly conversations: GenesysConversation[];
  readonly exact: number;
}

/** Compares every conversation in Genesys with what the generator made: how many are exact. */
async function compare(system: SyncSystem): Promise<Drained> {
  const made = ((await system.cicCall('/sim/traffic?interactions=true')) as Traffic).made;
  const { conversations } = (await system.genesysCall('/sim/conversations?conversations=true')) as {
    conversations: GenesysConversation[];
  };
  const center = await system.center();
  const org = await system.dump();
  const synced = new Set(
    Object.values(org.users)
      .filter((user) => !user.foreign && user.active && user.externalId !== undefined)
      .map((user) => user.externalId ?? ''),
  );
  const byInteraction = new Map<string, GenesysConversation[]>();
  for (const c of conversations)
    byInteraction.set(c.interactionId ?? '?', [...(byInteraction.get(c.interactionId ?? '?') ?? []), c]);
  const exact = made.filter((m) => {
    const found = byInteraction.get(m.interactionId);
    const want = expectedConversation(m, center, synced);
    return (
      found?.length === 1 &&
      JSON.stringify(actualConversation(found[0] as GenesysConversation, org)) === JSON.stringify(want)
    );
  }).length;
  return { made, conversations, exact };
}

/**
 * Waits until nothing is left to send: every interaction made is a conversation in Genesys, delivery has no
 * event unsent and nothing due, and no event came in the last progress period; then compares all. Drained and
 * not exact, it compares once more a while later (a conversation may have been stored a moment after the read)
 * and then reports what it found: nothing is on its way any more. Compares at the bound too, whatever is left.
 */
async function awaitDrain(system: SyncSystem, progress: Progress, boundMs: number): Promise<Drained> {
  const deadline = Date.now() + boundMs;
  let previous: Snapshot | undefined;
  let comparedQuiet = false;
  for (;;) {
    const now = await progress.print('drain');
    const quiet =
      now.due === 0 &&
      now.unsent === 0 &&
      now.genesysConversations >= now.made &&
      now.accepted === previous?.accepted;
    previous = now;
    if (quiet || Date.now() > deadline) {
      const drained = await compare(system);
      const whole =
        drained.exact === drained.made.length && drained.conversations.length === drained.made.length;
      if (whole || comparedQuiet || Date.now() > deadline) return drained;
      comparedQuiet = quiet;
      console.log(`  drained, ${drained.exact}/${drained.made.length} exact: comparing again in 30 s`);
      await sleep(30_000 - PROGRESS_MS);
    }
    await sleep(PROGRESS_MS);
  }
}

const fmt = (ms: number) =>
  Number.isNaN(ms) ? 'n/a' : ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${ms.toFixed(0)} ms`;

async function main(): Promise<void> {
  console.log(describeMachine());
  console.log(useCompiledServices());
  const system = await startSyncSystem({
    label: 'benchinteractions',
    center: CENTER,
    // The demo center's light traffic would blur the count: only the bench's traffic runs.
  });
  const db = new Client({ connectionString: system.isolation().databaseUrl });
  try {
    await db.connect();
    await awaitConvergence(system, 1_800_000);
    if (LIMITED) {
      await system.genesysCall('/sim/rate-limit', 'PUT', { perMinute: LIMIT_PER_MINUTE });
      await system.service('genesys-delivery').stop();
      await system.start('genesys-delivery', { GC_RATE_LIMIT_PER_MINUTE: String(LIMIT_PER_MINUTE) });
    }
    const callsBefore = (await requestSummary(system)).byEndpoint[EVENTS_ENDPOINT] ?? 0;
    const started = (await system.cicCall('/sim/traffic', 'POST', {
      ratePerSecond: RATE,
      durationS: MINUTES * 60,
      seed: SEED,
      lifeScale: LIFE_SCALE,
      lingerS: 30,
    })) as { expectedInteractions: number };
    console.log(`traffic: about ${started.expectedInteractions} interactions over ${MINUTES} min`);
    const progress = new Progress(system, db, callsBefore);
    for (;;) {
      const state = (await system.cicCall('/sim/traffic')) as Traffic;
      if (!state.running) break;
      await progress.print('traffic');
      await sleep(PROGRESS_MS);
    }
    // The backlog drains at the lane's pace: at the limit, its share of the calls times the events a call
    // carries. The bound gives the drain three times what the whole run's events would take at that pace.
    const drainBoundMs = Math.max(
      300_000,
      (3_000 * started.expectedInteractions * EVENTS_PER_INTERACTION_BOUND) /
        (LIMITED ? sustainableEventsPerSecond : UNLIMITED_EVENTS_PER_SECOND),
    );
    console.log(`traffic ended; waiting for the backlog to drain (at most ${fmt(drainBoundMs)})`);
    const { made, conversations, exact } = await awaitDrain(system, progress, drainBoundMs);
    const received = conversations.flatMap((c) => c.events.map((e) => Date.parse(e.receivedAt)));
    const firstAccepted = received.reduce((first, at) => Math.min(first, at), Infinity);
    const lastAccepted = received.reduce((last, at) => Math.max(last, at), 0);
    const lastChange = new Map(
      made.map((m) => [
        m.interactionId,
        Math.max(...m.steps.filter((s) => s.kind !== 'remove').map((s) => Date.parse(s.at))),
      ]),
    );
    const lags = conversations
      .map(
        (c) =>
          Math.max(...c.events.map((e) => Date.parse(e.receivedAt))) -
          (lastChange.get(c.interactionId ?? '') ?? NaN),
      )
      .filter((lag) => !Number.isNaN(lag))
      .sort((a, b) => a - b);
    const stats = (await system.genesysCall('/sim/conversations')) as Record<string, number>;
    const calls = ((await requestSummary(system)).byEndpoint[EVENTS_ENDPOINT] ?? 0) - callsBefore;
    const storage = await interactionStorage(system, db);
    const rss = peakRss(Object.keys(serviceMains) as ServiceName[]);
    printTable(
      `interactions: ${made.length} at ${RATE}/s for ${MINUTES} min across ${AGENTS} agents, ${LIMITED ? `${LIMIT_PER_MINUTE}/min limit` : 'no limit'}`,
      [
        ['measure', 'value', 'note'],
        [
          'conversations exact',
          `${exact}/${made.length}`,
          pass(exact === made.length && conversations.length === made.length),
        ],
        [
          'lag last CIC change → last event accepted, p50',
          fmt(percentile(lags, 0.5)),
          `${lags.length} conversations`,
        ],
        ['lag p99', fmt(percentile(lags, 0.99)), `max ${fmt(lags.at(-1) ?? NaN)}`],
        [
          'events per Genesys call',
          (Number(stats['accepted'] ?? 0) / Math.max(1, calls)).toFixed(1),
          `${calls} calls, ${stats['accepted']} events`,
        ],
        [
          'events accepted per second',
          (received.length / Math.max(1, (lastAccepted - firstAccepted) / 1000)).toFixed(0),
          'first to last event accepted' +
            (LIMITED ? `; ${sustainableEventsPerSecond} at most at the limit (full calls)` : ''),
        ],
        [
          'drain',
          fmt(lastAccepted - [...lastChange.values()].reduce((last, at) => Math.max(last, at), 0)),
          "the traffic's last CIC change → last event accepted",
        ],
        ['duplicates / rejected', `${stats['duplicates']} / ${stats['rejected']}`, ''],
        [
          'event store per interaction',
          `${(storage.rows / Math.max(1, made.length)).toFixed(1)} events, ${(storage.bytes / Math.max(1, made.length) / 1024).toFixed(1)} KiB`,
          'rows of cic-interaction streams (pg_column_size)',
        ],
        ...Object.entries(rss).map(
          ([name, mib]) => [`peak RSS ${name}`, `${(mib ?? 0).toFixed(0)} MiB`, ''] as const,
        ),
      ],
    );
    if (exact !== made.length) process.exitCode = 1;
  } finally {
    await db.end().catch(() => undefined);
    await system.stop();
  }
}

main().then(
  () => process.exit(process.exitCode ?? 0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);

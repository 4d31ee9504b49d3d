// Interaction replication under load (all processes, real Postgres and NATS): a center of N agents is synced,
// then the CIC simulator makes R interactions a second for M minutes (`/sim/traffic`, seeded, lives scaled by
// --life-scale so the agents can take them), and the bench waits until the Genesys simulator holds every
// conversation whole.
//
// Run: node -r @swc-node/register bench/interactions/interactions.bench.ts [--agents N] [--rate R]
//        [--minutes M] [--life-scale S] [--limited] [--seed N]
//   issue 13's size: --agents 1000 --rate 50 --minutes 10 (limit off), then the same with --limited (300/min).
//
// Reported: conversations exact (one per interaction, checked against the generator's record with
// apps/e2e/test/support/expected-conversations.ts); the lag from the interaction's last CIC change (the
// disconnect, or the end of after-call work) to the conversation's last event accepted by Genesys, p50/p99;
// conversation events per Genesys events call; event-store growth per interaction (rows and bytes); peak RSS
// per process.
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
async function interactionStorage(system: SyncSystem): Promise<{ rows: number; bytes: number }> {
  const { databaseUrl, schema } = system.isolation();
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const result = await db.query<{ rows: string; bytes: string | null }>(
      `SELECT count(*) AS rows, sum(pg_column_size(e.*)) AS bytes FROM "${schema}".events e
       WHERE stream_id LIKE 'cic-interaction:%'`,
    );
    return { rows: Number(result.rows[0]?.rows ?? 0), bytes: Number(result.rows[0]?.bytes ?? 0) };
  } finally {
    await db.end();
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
  try {
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
    for (;;) {
      const state = (await system.cicCall('/sim/traffic')) as Traffic;
      if (!state.running) break;
      await sleep(2_000);
    }
    const trafficEnded = Date.now();
    let made: MadeInteraction[] = [];
    let conversations: GenesysConversation[] = [];
    let exact = 0;
    for (;;) {
      made = ((await system.cicCall('/sim/traffic?interactions=true')) as Traffic).made;
      conversations = (
        (await system.genesysCall('/sim/conversations?conversations=true')) as {
          conversations: GenesysConversation[];
        }
      ).conversations;
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
      exact = made.filter((m) => {
        const found = byInteraction.get(m.interactionId);
        const want = expectedConversation(m, center, synced);
        return (
          found?.length === 1 &&
          JSON.stringify(actualConversation(found[0] as GenesysConversation, org)) === JSON.stringify(want)
        );
      }).length;
      if (
        (exact === made.length && conversations.length === made.length) ||
        Date.now() - trafficEnded > 600_000
      )
        break;
      await sleep(5_000);
    }
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
    const storage = await interactionStorage(system);
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

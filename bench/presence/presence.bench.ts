// The presence lane under a status storm (all processes, real Postgres and NATS): a center of N agents is synced
// with the Genesys simulator's rate limit off, then the limit goes to the real 300/min (and genesys-delivery is
// restarted to pace itself at it) and every agent changes status on average every 30 s for M minutes
// (`/sim/status-storm`, Poisson, seeded). A few user renames are made during the storm and timed to Genesys.
//
// Run: node -r @swc-node/register bench/presence/presence.bench.ts [--agents N] [--minutes M]
//        [--per-agent-per-minute R] [--no-limit] [--presence-share S] [--seed N] [--source] [--heap-mib N]
//
// Reported: every agent's final presence and routing status equal to what its last CIC status maps to
// (apps/e2e/test/support/expected-presence.ts, written apart from libs/presence-mapping); the delay from the CIC
// change to the Genesys event p50/p99, per endpoint, timed from the exact moment the CIC simulator applied the
// change (`exact-lag.ts`; CIC's own status time is whole seconds, which the simulator's figure also shows); Genesys calls per status change (the bench's own reads left out); the renames' convergence time;
// events the simulator saw twice or out of order; peak RSS per process.
import { isDeepStrictEqual } from 'node:util';
import type { AppliedChange } from '../../apps/cic-simulator/src/storm-runner';
import type { AppliedEvent, PresenceStats } from '../../apps/genesys-cloud-simulator/src/domain/event-ledger';
import {
  actualPresence,
  expectedPresence,
  type CicPresenceCenter,
  type GenesysPresenceState,
  type PresenceView,
} from '../../apps/e2e/test/support/expected-presence';
import { startSyncSystem, warningsOf, type SyncSystem } from '../../apps/e2e/test/support/sync-system';
import { send, token } from '../../apps/genesys-cloud-simulator/test/http-client';
import { describeMachine, percentile, printTable, runBench } from '../machine';
import { exactLags } from './exact-lag';
import { stageRows, stageTimes } from './stage-times';
import {
  apiCalls,
  awaitConvergence,
  numberArg,
  peakRss,
  requestSummary,
  serviceMains,
  sleep,
  useCompiledServices,
  TOKEN_ENDPOINT,
  type ServiceName,
} from '../sync/support';

const AGENTS = numberArg('agents', 5_000);
const MINUTES = numberArg('minutes', 10);
const PER_AGENT_PER_MINUTE = numberArg('per-agent-per-minute', 2);
const SEED = numberArg('seed', 7);
const LIMITED = !process.argv.includes('--no-limit');
/** genesys-delivery's DELIVERY_PRESENCE_SHARE for the storm: its default unless asked (a point on the lag/calls curve). */
const PRESENCE_SHARE = process.argv.includes('--presence-share') ? numberArg('presence-share', 0) : undefined;
const LIMIT_PER_MINUTE = 300;
const RENAMES = 3;
const CENTER = { users: AGENTS, workgroups: 30, skills: 20, wrapups: 50, seed: SEED };

/** Every synced agent's expected and actual view, and how many differ. */
async function presenceDifference(system: SyncSystem): Promise<{ agents: number; differing: string[] }> {
  const center = (await system.cicCall('/sim/center')) as CicPresenceCenter;
  const state = (await system.genesysCall('/sim/state')) as {
    org: Awaited<ReturnType<SyncSystem['dump']>>;
    presence: GenesysPresenceState;
  };
  const actual = actualPresence(state.org, state.presence);
  const messages = new Map(center.statusMessages.map((m) => [m.statusId.toLowerCase(), m]));
  const synced = new Set(
    Object.values(state.org.users)
      .filter((u) => !u.foreign && u.externalId !== undefined)
      .map((u) => u.externalId),
  );
  const differing: string[] = [];
  let agents = 0;
  for (const status of center.userStatuses) {
    if (!synced.has(status.userId)) continue;
    agents++;
    const want: PresenceView = expectedPresence(status, messages.get(status.statusId.toLowerCase()), 'wem');
    if (!isDeepStrictEqual(actual[status.userId], want))
      differing.push(
        `${status.userId}: want ${JSON.stringify(want)}, have ${JSON.stringify(actual[status.userId])}`,
      );
  }
  return { agents, differing };
}

/** Polls (every 5 s: /sim/state is the whole org) until every agent is exact; the time it took, or NaN. */
async function awaitPresence(
  system: SyncSystem,
  timeoutMs: number,
): Promise<{ ms: number; agents: number; differing: string[] }> {
  const started = Date.now();
  for (;;) {
    const result = await presenceDifference(system);
    if (result.differing.length === 0) return { ms: Date.now() - started, ...result };
    if (Date.now() - started > timeoutMs) return { ms: NaN, ...result };
    await sleep(5_000);
  }
}

/**
 * Renames a synced user in CIC and times the new name's arrival in Genesys, polling the one user by id twice a
 * second under a token of its own (its own rate budget; /sim/state would serialise the whole org at every poll).
 * Answers the time and the polls made, which are taken off the bridge's call count.
 */
async function timedRename(
  system: SyncSystem,
  bearer: string,
  user: { cicId: string; genesysId: string },
  index: number,
): Promise<{ ms: number; polls: number }> {
  const name = `Storm rename ${index} ${user.cicId}`;
  await system.cicCall(`/sim/users/${encodeURIComponent(user.cicId)}`, 'PATCH', { displayName: name });
  const sent = Date.now();
  for (let polls = 1; ; polls++) {
    const reply = await send(
      system.genesys.baseUrl,
      bearer,
      'GET',
      `/api/v2/scim/v2/users/${user.genesysId}`,
    );
    if ((reply.body as { displayName?: string }).displayName === name)
      return { ms: Date.now() - sent, polls };
    if (Date.now() - sent > 600_000) return { ms: NaN, polls };
    await sleep(500);
  }
}

const fmt = (ms: number) =>
  Number.isNaN(ms) ? 'not reached' : ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${ms.toFixed(0)} ms`;

async function main(): Promise<void> {
  console.log(describeMachine());
  console.log(useCompiledServices());
  const system = await startSyncSystem({ label: 'benchpresence', center: CENTER });
  try {
    const initialStart = Date.now();
    const { dump } = await awaitConvergence(system, 1_800_000);
    const initialPresence = await awaitPresence(system, 600_000);
    const initialMs = Date.now() - initialStart;
    console.log(
      `initial sync: ${fmt(initialMs)} (${initialPresence.agents} agents, presence exact: ${initialPresence.differing.length === 0})`,
    );

    if (LIMITED) {
      await system.genesysCall('/sim/rate-limit', 'PUT', { perMinute: LIMIT_PER_MINUTE });
      await system.service('genesys-delivery').stop();
      await system.start('genesys-delivery', {
        GC_RATE_LIMIT_PER_MINUTE: String(LIMIT_PER_MINUTE),
        ...(PRESENCE_SHARE === undefined ? {} : { DELIVERY_PRESENCE_SHARE: String(PRESENCE_SHARE) }),
      });
    }
    await system.genesysCall('/sim/presence-stats', 'DELETE');
    const summaryBefore = await requestSummary(system);
    const callsBefore = apiCalls(summaryBefore);
    const storm = (await system.cicCall('/sim/status-storm', 'POST', {
      changesPerMinute: PER_AGENT_PER_MINUTE,
      durationS: MINUTES * 60,
      seed: SEED,
      recordChanges: true,
    })) as { agents: number; expectedChanges: number };
    console.log(`storm: ${storm.agents} agents, about ${storm.expectedChanges} changes over ${MINUTES} min`);

    const bearer = await token(system.genesys.baseUrl);
    const renameTargets = Object.values(dump.users)
      .filter((u) => !u.foreign && u.externalId !== undefined)
      .slice(0, RENAMES)
      .map((u) => ({ cicId: u.externalId ?? '', genesysId: u.id }));
    const renames: number[] = [];
    let polls = 0;
    for (const [index, user] of renameTargets.entries()) {
      await sleep((MINUTES * 60_000) / (RENAMES + 1));
      const rename = await timedRename(system, bearer, user, index);
      renames.push(rename.ms);
      polls += rename.polls;
    }
    for (;;) {
      const state = (await system.cicCall('/sim/status-storm')) as { running: boolean; changes: number };
      if (!state.running) break;
      await sleep(1_000);
    }
    const { changes } = (await system.cicCall('/sim/status-storm')) as { changes: number };
    const stormEnded = Date.now();
    const final = await awaitPresence(system, 300_000);
    const stats = (await system.genesysCall('/sim/presence-stats')) as PresenceStats;
    const { changes: applied } = (await system.cicCall('/sim/status-storm/changes')) as {
      changes: AppliedChange[];
    };
    const { events } = (await system.genesysCall('/sim/presence-events')) as { events: AppliedEvent[] };
    const cicIds = new Map(Object.values(dump.users).map((u) => [u.id, u.externalId]));
    const exact = exactLags(applied, events, (id) => cicIds.get(id));
    const stageTable = stageRows(
      await stageTimes(system.isolation(), applied, events, (id) => cicIds.get(id)),
    );
    const lagRows = (['presence', 'routingStatus'] as const).map((endpoint) => {
      const lags = exact.lagsMs[endpoint];
      return [
        `lag CIC change → Genesys ${endpoint}, p50 / p99`,
        `${fmt(percentile(lags, 50))} / ${fmt(percentile(lags, 99))}`,
        `${lags.length} events, max ${fmt(percentile(lags, 100))}`,
      ] as const;
    });
    const allLags = [...exact.lagsMs.presence, ...exact.lagsMs.routingStatus];
    const summaryAfter = await requestSummary(system);
    const calls = apiCalls(summaryAfter) - callsBefore - polls;
    const byEndpoint = Object.entries(summaryAfter.byEndpoint)
      .map(([endpoint, n]) => [endpoint, n - (summaryBefore.byEndpoint[endpoint] ?? 0)] as const)
      .filter(([endpoint, n]) => n > 0 && endpoint !== TOKEN_ENDPOINT)
      .sort((a, b) => b[1] - a[1]);
    const rss = peakRss(Object.keys(serviceMains) as ServiceName[]);

    printTable(
      `presence storm: ${final.agents} agents, ${PER_AGENT_PER_MINUTE}/agent/min for ${MINUTES} min, ${LIMITED ? `${LIMIT_PER_MINUTE}/min limit` : 'no limit'}`,
      [
        ['measure', 'value', 'note'],
        ['initial sync (limit off)', fmt(initialMs), 'users, queues, … and every agent presence exact'],
        ['CIC status changes', String(changes), `expected about ${storm.expectedChanges}`],
        [
          'final presence + routing exact',
          `${final.agents - final.differing.length}/${final.agents}`,
          final.differing.length === 0 ? 'pass' : 'FAIL',
        ],
        ['caught up after the storm', fmt(Number.isNaN(final.ms) ? NaN : Date.now() - stormEnded), ''],
        ...lagRows,
        [
          'lag, both endpoints, p50 / p99',
          `${fmt(percentile(allLags, 50))} / ${fmt(percentile(allLags, 99))}`,
          `${exact.unmatched} events matched no recorded change`,
        ],
        [
          'lag from CIC whole-second time, p50 / p99',
          `${fmt(stats.lagMs.p50)} / ${fmt(stats.lagMs.p99)}`,
          'receipt − eventDateTime',
        ],
        [
          'Genesys calls per status change',
          (calls / Math.max(1, changes)).toFixed(3),
          `${calls} calls, ${stats.batches} event batches`,
        ],
        ...byEndpoint.map(
          ([endpoint, n]) => [`  calls ${endpoint}`, String(n), 'rename polls included'] as const,
        ),
        ['presence / routing events applied', `${stats.presenceEvents} / ${stats.routingStatusEvents}`, ''],
        [
          'duplicates / out of order / rejected',
          `${stats.duplicates} / ${stats.outOfOrder} / ${stats.rejected}`,
          stats.outOfOrder === 0 && stats.rejected === 0 ? 'pass' : 'FAIL',
        ],
        ...renames.map(
          (ms, i) =>
            [`rename ${i + 1} during the storm`, fmt(ms), 'CIC PATCH → Genesys displayName'] as const,
        ),
        ...Object.entries(rss).map(
          ([name, mib]) => [`peak RSS ${name}`, `${(mib ?? 0).toFixed(0)} MiB`, ''] as const,
        ),
      ],
    );
    printTable('where the last change of each agent spent its time', [
      ['stage', 'p50 / p90 / p99', 'sample'],
      ...stageTable,
    ]);
    if (process.argv.includes('--warnings')) {
      console.log(warningsOf([system.service('genesys-delivery')]));
      // Calls that got no answer (status 0: a timeout) or a server error, as delivery counted them.
      const metrics = await fetch(`${system.service('genesys-delivery').baseUrl}/metrics`);
      for (const line of (await metrics.text()).split('\n'))
        if (/^bridge_genesys_requests_total\{.*status_code="(0|5\d\d)"/.test(line)) console.log(line);
    }
    if (final.differing.length > 0) {
      console.log(final.differing.slice(0, 10).join('\n'));
      console.log(system.service('genesys-delivery').output().slice(-5_000));
      process.exitCode = 1;
    }
    if (stats.outOfOrder > 0 || stats.rejected > 0) process.exitCode = 1;
  } finally {
    await system.stop();
  }
}

runBench(main);

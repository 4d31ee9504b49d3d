// Latency of one CIC change through the whole bridge (all processes, real Postgres and NATS): after the initial sync
// of a modest center with the rate limit off, users are renamed in the CIC simulator one after another, each timed
// from the moment `PATCH /sim/users/{id}` returns until the Genesys simulator serves the new display name.
//
// Run: node -r @swc-node/register bench/sync/change-latency.bench.ts [--changes N] [--users N] [--poll-ms N]
//        [--presence-storm AGENTS,PER_AGENT_PER_MINUTE] [--stages]
//
// With --presence-storm, the CIC simulator's status storm (`/sim/status-storm`) runs on the first AGENTS users
// (the center grows to at least AGENTS users) throughout the renames, after a warm-up that lets the presence lane
// reach its steady state: the renames then share every stage with the storm's status changes.
//
// The Genesys side is read with `GET /api/v2/scim/v2/users/{id}` (one user by id, the cheapest read the simulator
// has; `/sim/state` would serialise the whole org at every poll) under a token of its own, so the polls neither
// spend the bridge's rate budget nor disturb its call counts more than a few hundred cheap GETs a second.
// With --stages, each rename is then followed through the bridge's stages (rename-stages.ts), with the median of
// each stage over the slowest 2% of renames beside it. Closed loop: the next change starts when the previous one arrived, so the figure is a change's latency, not the
// queueing of a backlog.
import { startSyncSystem } from '../../apps/e2e/test/support/sync-system';
import { describeMachine, percentile, printTable, runBench } from '../machine';
import { renameStageRows, renameStageTimes, type TimedRename } from './rename-stages';
import {
  awaitConvergence,
  displayNameReader,
  numberArg,
  pass,
  renameTargets,
  sleep,
  useCompiledServices,
} from './support';

const CHANGES = numberArg('changes', 500);
const POLL_MS = numberArg('poll-ms', 3);
const STORM = presenceStormArg();
const STAGES = process.argv.includes('--stages');
const CENTER = {
  users: Math.max(numberArg('users', 1_000), STORM?.agents ?? 0),
  workgroups: 30,
  skills: 20,
  wrapups: 50,
  seed: 7,
};
const STORM_WARMUP_MS = 15_000;
/** p50 from the first sync targets; p99 from issue 18 (target 5), with or without a presence storm. */
const TARGETS = { p50: 150, p99: 100 };
const TIMEOUT_MS = 10_000;

/** `--presence-storm AGENTS,PER_AGENT_PER_MINUTE`, or none. */
function presenceStormArg(): { agents: number; perAgentPerMinute: number } | undefined {
  const at = process.argv.indexOf('--presence-storm');
  if (at < 0) return undefined;
  const [agents, perAgentPerMinute] = (process.argv[at + 1] ?? '').split(',').map(Number);
  if (!Number.isInteger(agents) || !(agents && agents > 0) || !(perAgentPerMinute && perAgentPerMinute > 0))
    throw new Error('--presence-storm: expected AGENTS,PER_AGENT_PER_MINUTE (e.g. 5000,2)');
  return { agents, perAgentPerMinute };
}

async function main(): Promise<void> {
  console.log(describeMachine());
  console.log(useCompiledServices());
  const system = await startSyncSystem({ label: 'benchlatency', center: CENTER });
  const stormChanges = async () =>
    ((await system.cicCall('/sim/status-storm')) as { changes: number }).changes;
  try {
    const { dump } = await awaitConvergence(system, 300_000);
    const targets = await renameTargets(system, dump);
    const displayName = await displayNameReader(system.genesys.baseUrl);
    if (STORM) {
      await system.cicCall('/sim/status-storm', 'POST', {
        agents: STORM.agents,
        changesPerMinute: STORM.perAgentPerMinute,
        durationS: 86_400,
        seed: 7,
      });
      await sleep(STORM_WARMUP_MS);
    }
    const stormBefore = STORM ? await stormChanges() : 0;
    const measureStart = performance.now();

    const latencies: number[] = [];
    const timed: TimedRename[] = [];
    let lost = 0;
    for (let i = 0; i < CHANGES; i++) {
      const target = targets[i % targets.length];
      if (!target) break;
      const name = `Latency ${i} ${target.cicId}`;
      await system.cicCall(`/sim/users/${encodeURIComponent(target.cicId)}`, 'PATCH', { displayName: name });
      const sent = performance.now();
      const sentAtMs = Date.now();
      for (;;) {
        if ((await displayName(target.genesysId)) === name) {
          latencies.push(performance.now() - sent);
          timed.push({ ...target, name, sentAtMs, seenAtMs: Date.now() });
          break;
        }
        if (performance.now() - sent > TIMEOUT_MS) {
          lost++;
          break;
        }
        await sleep(POLL_MS);
      }
    }
    const stormDuring = STORM ? (await stormChanges()) - stormBefore : 0;
    const measuredS = (performance.now() - measureStart) / 1000;
    if (STORM) await system.cicCall('/sim/status-storm', 'DELETE');
    const sorted = [...latencies].sort((a, b) => a - b);
    const p50 = percentile(sorted, 50);
    const p99 = percentile(sorted, 99);
    const title = `change latency, ${CENTER.users}-user center, ${sorted.length} renames one after another`;
    const storm = STORM
      ? `, during a presence storm (${STORM.agents} agents × ${STORM.perAgentPerMinute}/min)`
      : '';
    printTable(title + storm, [
      ['measure', 'value', 'target'],
      ['p50', `${p50.toFixed(0)} ms`, `≤ ${TARGETS.p50} ms ${pass(p50 <= TARGETS.p50)}`],
      ['p90', `${percentile(sorted, 90).toFixed(0)} ms`, ''],
      ['p99', `${p99.toFixed(0)} ms`, `≤ ${TARGETS.p99} ms ${pass(p99 <= TARGETS.p99)}`],
      ['max', `${(sorted.at(-1) ?? NaN).toFixed(0)} ms`, ''],
      ['min', `${(sorted[0] ?? NaN).toFixed(0)} ms`, ''],
      ['not arrived within 10 s', String(lost), lost === 0 ? 'pass' : 'FAIL'],
      ['poll interval', `${POLL_MS} ms`, 'GET /api/v2/scim/v2/users/{id}'],
      ...(STORM
        ? [
            [
              'status changes during the renames',
              `${stormDuring} (${(stormDuring / measuredS).toFixed(0)}/s)`,
              `over ${measuredS.toFixed(1)} s, after a ${STORM_WARMUP_MS / 1000} s warm-up`,
            ] as const,
          ]
        : []),
    ]);
    if (STAGES)
      printTable('where a rename spends its time (wall clock of each stage)', [
        ['stage', 'p50 / p90 / p99 (renames)', 'median in the slowest 2%'],
        ...renameStageRows(timed, await renameStageTimes(system, timed)),
      ]);
    if (lost > 0) process.exitCode = 1;
  } finally {
    await system.stop();
  }
}

runBench(main);

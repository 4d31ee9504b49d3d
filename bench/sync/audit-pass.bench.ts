// The drift audit on a synced org (all processes, real Postgres and NATS): the listing calls of one full pass,
// its time at DELIVERY_AUDIT_SHARE of 300 requests a minute, and the latency of configuration changes with the
// audit idle and with passes running back to back.
//
// Run: node -r @swc-node/register bench/sync/audit-pass.bench.ts [--users N] [--changes N] [--scale S] [--share F]
//
// After an initial sync with the rate limit off, genesys-delivery is restarted with the org's budget at 300 a
// minute on a clock scaled ×S (GC_RATE_LIMIT_PER_MINUTE = 300·S, burst 300, as initial-sync's limited run): a pass
// then takes 1/S of its time at 300 a minute, which the table scales back. First a single pass (the one every
// start runs) is timed and its calls counted in the Genesys simulator's request log; then users are renamed in CIC
// one after another, each timed to its arrival in Genesys (change-latency's closed loop), first with the audit idle
// and then with delivery restarted on a 1 s interval, so passes run back to back at their whole share.
import { startSyncSystem, type SyncSystem } from '../../apps/e2e/test/support/sync-system';
import { describeMachine, percentile, printTable, runBench } from '../machine';
import {
  apiCalls,
  awaitConvergence,
  displayNameReader,
  numberArg,
  renameTargets,
  requestSummary,
  sleep,
  useCompiledServices,
} from './support';

const USERS = numberArg('users', 10_000);
const CHANGES = numberArg('changes', 200);
const SCALE = numberArg('scale', 12);
const SHARE = numberArg('share', 0.1);
const LIMIT = 300;
const CENTER = {
  users: USERS,
  workgroups: Math.max(3, Math.round(USERS / 33)),
  skills: 200,
  wrapups: 500,
  seed: 7,
};
const TIMEOUT_MS = 10_000;

interface AuditStatus {
  lastPass?: { startedAt: string; finishedAt: string; calls: number; fits: boolean; note?: string };
}

/** genesys-delivery again, with the org's budget at 300 a minute on the scaled clock and these audit settings. */
async function restartDelivery(system: SyncSystem, intervalS: number): Promise<void> {
  await system.service('genesys-delivery').stop();
  await system.start('genesys-delivery', {
    GC_RATE_LIMIT_PER_MINUTE: String(LIMIT * SCALE),
    GC_RATE_BURST: String(LIMIT),
    DELIVERY_AUDIT_SHARE: String(SHARE),
    DELIVERY_AUDIT_INTERVAL_S: String(intervalS),
  });
}

async function passAfter(system: SyncSystem, sinceMs: number): Promise<NonNullable<AuditStatus['lastPass']>> {
  for (;;) {
    const { lastPass } = (await system.deliveryCall('/delivery/audit')) as AuditStatus;
    if (lastPass && Date.parse(lastPass.startedAt) >= sinceMs) return lastPass;
    await sleep(500);
  }
}

/** Renames CIC users one after another; each is timed until Genesys serves the new display name. */
async function renames(system: SyncSystem, targets: { cicId: string; genesysId: string }[], label: string) {
  const displayName = await displayNameReader(system.genesys.baseUrl);
  const latencies: number[] = [];
  for (let i = 0; i < CHANGES; i++) {
    const target = targets[i % targets.length];
    if (!target) break;
    const name = `${label} ${i} ${target.cicId}`;
    await system.cicCall(`/sim/users/${encodeURIComponent(target.cicId)}`, 'PATCH', { displayName: name });
    const sent = performance.now();
    while ((await displayName(target.genesysId)) !== name) {
      if (performance.now() - sent > TIMEOUT_MS) throw new Error(`${name} did not arrive within 10 s`);
      await sleep(3);
    }
    latencies.push(performance.now() - sent);
  }
  return latencies.sort((a, b) => a - b);
}

async function main(): Promise<void> {
  console.log(describeMachine());
  console.log(useCompiledServices());
  const system = await startSyncSystem({ label: 'benchaudit', center: CENTER });
  try {
    const { dump } = await awaitConvergence(system, 1_800_000);
    const targets = await renameTargets(system, dump);

    // One pass, as every start runs it: not spread over an interval, at its share of the budget.
    const before = apiCalls(await requestSummary(system));
    const restartedAt = Date.now();
    await restartDelivery(system, 1_000_000);
    const pass = await passAfter(system, restartedAt);
    const logged = apiCalls(await requestSummary(system)) - before;
    const passS = ((Date.parse(pass.finishedAt) - Date.parse(pass.startedAt)) / 1000) * SCALE;
    const minimumS = (Math.max(0, pass.calls - LIMIT * SHARE) / (LIMIT * SHARE)) * 60;

    const idle = await renames(system, targets, 'Idle');
    // The restart begins a pass at once; the renames run while it does.
    const auditedSince = Date.now();
    await restartDelivery(system, 1);
    const renamesFrom = Date.now();
    const busy = await renames(system, targets, 'Audited');
    const renamesTo = Date.now();
    const during = await passAfter(system, auditedSince);
    const atS = (iso: string, from: number) => ((Date.parse(iso) - from) / 1000).toFixed(1);

    const row = (name: string, sorted: number[]): [string, string, string] => [
      name,
      `p50 ${percentile(sorted, 50).toFixed(0)} ms, p99 ${percentile(sorted, 99).toFixed(0)} ms`,
      `max ${(sorted.at(-1) ?? NaN).toFixed(0)} ms`,
    ];
    printTable(`drift audit, ${USERS}-user center (${CENTER.workgroups} queues), ${SHARE} of ${LIMIT}/min`, [
      ['measure', 'value', 'note'],
      [
        'listing calls of one pass',
        String(pass.calls),
        `${logged} API calls logged meanwhile (renewed token, none else)`,
      ],
      [
        `time of a pass at ${SHARE} of ${LIMIT}/min`,
        `${(passS / 60).toFixed(1)} min`,
        `clock ×${SCALE}; at least ${(minimumS / 60).toFixed(1)} min by its share (burst ${LIMIT * SHARE})`,
      ],
      ['fits in the default 15 min', pass.fits && passS <= 900 ? 'yes' : 'no', pass.note ?? ''],
      row(`${CHANGES} renames, audit idle`, idle),
      row(`${CHANGES} renames, passes back to back`, busy),
      [
        'the pass during those renames',
        `from ${atS(during.startedAt, renamesFrom)} s to ${atS(during.finishedAt, renamesFrom)} s`,
        `renames from 0 s to ${((renamesTo - renamesFrom) / 1000).toFixed(1)} s; the pass made ${during.calls} calls`,
      ],
    ]);
  } finally {
    await system.stop();
  }
}

runBench(main);

// Latency of one CIC change through the whole bridge (all processes, real Postgres and NATS): after the initial sync
// of a modest center with the rate limit off, users are renamed in the CIC simulator one after another, each timed
// from the moment `PATCH /sim/users/{id}` returns until the Genesys simulator serves the new display name.
//
// Run: node -r @swc-node/register bench/sync/change-latency.bench.ts [--changes N] [--users N] [--poll-ms N]
//
// The Genesys side is read with `GET /api/v2/scim/v2/users/{id}` (one user by id, the cheapest read the simulator
// has; `/sim/state` would serialise the whole org at every poll) under a token of its own, so the polls neither
// spend the bridge's rate budget nor disturb its call counts more than a few hundred cheap GETs a second.
// Closed loop: the next change starts when the previous one arrived, so the figure is a change's latency, not the
// queueing of a backlog.
import { syncedEmail } from '../../apps/e2e/test/support/expected-org';
import { startSyncSystem } from '../../apps/e2e/test/support/sync-system';
import { describeMachine, printTable } from '../machine';
import { awaitConvergence, numberArg, pass, percentile, sleep, useCompiledServices } from './support';

const CHANGES = numberArg('changes', 500);
const POLL_MS = numberArg('poll-ms', 3);
const CENTER = { users: numberArg('users', 1_000), workgroups: 30, skills: 20, wrapups: 50, seed: 7 };
const TARGETS = { p50: 150, p99: 500 };
const TIMEOUT_MS = 10_000;

async function token(baseUrl: string): Promise<string> {
  const response = await fetch(`${baseUrl}/oauth/token`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from('bridge-sandbox:bridge-sandbox-secret').toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: 'grant_type=client_credentials',
  });
  if (!response.ok) throw new Error(`token: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { access_token: string }).access_token;
}

async function main(): Promise<void> {
  console.log(describeMachine());
  console.log(useCompiledServices());
  const system = await startSyncSystem({ label: 'benchlatency', center: CENTER });
  try {
    const { dump } = await awaitConvergence(system, 300_000);
    // Users the bridge synced on their own (no shared business email), by CIC id → Genesys id.
    const center = await system.center();
    const holders = new Map<string, number>();
    for (const u of center.users) {
      const email = syncedEmail(u)?.toLowerCase();
      if (email) holders.set(email, (holders.get(email) ?? 0) + 1);
    }
    const genesysIdOf = new Map(
      Object.values(dump.users)
        .filter((u) => !u.foreign && u.externalId !== undefined)
        .map((u) => [u.externalId, u.id]),
    );
    const targets = center.users.flatMap((u) => {
      const email = syncedEmail(u)?.toLowerCase();
      const id = genesysIdOf.get(u.id);
      return email && holders.get(email) === 1 && id ? [{ cicId: u.id, genesysId: id }] : [];
    });
    if (targets.length === 0) throw new Error('no synced user to change');
    const bearer = `Bearer ${await token(system.genesys.baseUrl)}`;
    const displayName = async (id: string) => {
      const response = await fetch(`${system.genesys.baseUrl}/api/v2/scim/v2/users/${id}`, {
        headers: { authorization: bearer },
      });
      return ((await response.json()) as { displayName?: string }).displayName;
    };

    const latencies: number[] = [];
    let lost = 0;
    for (let i = 0; i < CHANGES; i++) {
      const target = targets[i % targets.length];
      if (!target) break;
      const name = `Latency ${i} ${target.cicId}`;
      await system.cicCall(`/sim/users/${encodeURIComponent(target.cicId)}`, 'PATCH', { displayName: name });
      const sent = performance.now();
      for (;;) {
        if ((await displayName(target.genesysId)) === name) {
          latencies.push(performance.now() - sent);
          break;
        }
        if (performance.now() - sent > TIMEOUT_MS) {
          lost++;
          break;
        }
        await sleep(POLL_MS);
      }
    }
    const sorted = [...latencies].sort((a, b) => a - b);
    const p50 = percentile(sorted, 50);
    const p99 = percentile(sorted, 99);
    printTable(`change latency, ${CENTER.users}-user center, ${sorted.length} renames one after another`, [
      ['measure', 'value', 'target'],
      ['p50', `${p50.toFixed(0)} ms`, `≤ ${TARGETS.p50} ms ${pass(p50 <= TARGETS.p50)}`],
      ['p90', `${percentile(sorted, 90).toFixed(0)} ms`, ''],
      ['p99', `${p99.toFixed(0)} ms`, `≤ ${TARGETS.p99} ms ${pass(p99 <= TARGETS.p99)}`],
      ['max', `${(sorted.at(-1) ?? NaN).toFixed(0)} ms`, ''],
      ['min', `${(sorted[0] ?? NaN).toFixed(0)} ms`, ''],
      ['not arrived within 10 s', String(lost), lost === 0 ? 'pass' : 'FAIL'],
      ['poll interval', `${POLL_MS} ms`, 'GET /api/v2/scim/v2/users/{id}'],
    ]);
    if (lost > 0) process.exitCode = 1;
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

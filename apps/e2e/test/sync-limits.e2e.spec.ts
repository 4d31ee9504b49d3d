import { eventually } from '@bridge/testing';
import { actualOrg, canonical, expectedOrg } from './support/expected-org';
import { startSyncSystem, type SyncSystem } from './support/sync-system';

/**
 * The whole sync against a Genesys org that pushes back: a rate limit well below what delivery could send, and
 * one request in ten answered 5xx. It still converges, and once a 429 says `Retry-After`, no API request goes out
 * until it has passed. Then the deletion threshold: a change that would delete a large share of the queues the
 * bridge manages is held until an admin confirms it, while a few removed users are deleted (hard deletion on).
 */
const CENTER = { users: 150, workgroups: 15, skills: 20, wrapups: 20, seed: 13 };
// 60 a minute on a clock running 15 times faster: 15 requests a wall-clock second, and a bucket of 60 that
// delivery, with its own budget off, overruns at once.
const GENESYS_LIMIT = { GC_SIM_RATE_LIMIT_PER_MINUTE: '60', GC_SIM_CLOCK_SCALE: '15' };

interface LoggedRequest {
  receivedAtMs: number;
  answeredAtMs: number;
  method: string;
  path: string;
  status: number;
  retryAfterSeconds?: number;
}

let system: SyncSystem;

beforeAll(async () => {
  system = await startSyncSystem({
    label: 'synclimits',
    center: CENTER,
    genesysEnv: GENESYS_LIMIT,
    // Hard deletion of removed users (DESIGN §1's setting), so the deletion test shows it as well; the product's
    // settle time, not the suite's short one, so that a loaded machine's gaps between the deletions of one
    // change stay within it.
    deliveryEnv: {
      GC_RATE_LIMIT_PER_MINUTE: '0',
      DELIVERY_USER_REMOVAL: 'delete',
      DELIVERY_DELETION_SETTLE_MS: '1500',
    },
    beforeBridge: async ({ genesysCall }) => {
      await genesysCall('/sim/faults', 'POST', { pathPrefix: '/api/v2/', errorRatio: 0.1, errorStatus: 503 });
    },
  });
}, 120_000);

afterAll(async () => {
  await system?.stop();
});

/**
 * Requests that reached the simulator while a `Retry-After` it had answered was still running. A request the
 * client sent before it read the 429 can arrive just after it: the first `inFlightMs` of each wait are forgiven.
 */
function sentDuringRetryAfter(log: readonly LoggedRequest[], inFlightMs: number) {
  const api = log.filter((entry) => entry.path.startsWith('/api/v2/'));
  return api.flatMap((limited) => {
    if (limited.status !== 429 || limited.retryAfterSeconds === undefined) return [];
    const from = limited.answeredAtMs + inFlightMs;
    const until = limited.answeredAtMs + limited.retryAfterSeconds * 1000;
    return api
      .filter((other) => other.receivedAtMs > from && other.receivedAtMs < until)
      .map((other) => `${other.method} ${other.path} at +${other.receivedAtMs - limited.answeredAtMs} ms`);
  });
}

it('converges under the rate limit and 10% 5xx, sending nothing while a Retry-After is pending', async () => {
  const { expected, actual } = await system.converged(120_000);
  expect(actual).toEqual(expected);
  const { entries, byStatus } = (await system.genesysCall('/sim/requests')) as {
    entries: LoggedRequest[];
    byStatus: Record<string, number>;
  };
  console.log(`requests by status: ${JSON.stringify(byStatus)}`);
  expect(byStatus['429'] ?? 0).toBeGreaterThan(0);
  expect(byStatus['503'] ?? 0).toBeGreaterThan(0);
  // A request already past the client's gate when the 429 came reaches a loaded simulator a few hundred ms later;
  // every Retry-After lasts at least a second, so half of each wait is still checked.
  expect(sentDuringRetryAfter(entries, 500)).toEqual([]);
}, 150_000);

it('holds a mass queue deletion until an admin confirms it, then carries it out', async () => {
  await system.genesysCall('/sim/faults', 'DELETE');
  await system.genesysCall('/sim/rate-limit', 'PUT', { perMinute: 10_000_000 });
  const call = (path: string, method?: string, body?: unknown) => system.deliveryCall(path, method, body);

  const queued = Object.keys((await system.converged(10_000)).expected.queues);
  const center = await system.center();
  const doomed = center.workgroups.filter((w) => queued.includes(w.displayName?.trim() || w.id)).slice(0, 6);
  expect(doomed.length / queued.length).toBeGreaterThan(0.2);
  for (const workgroup of doomed) {
    await system.cicCall(`/sim/workgroups/${encodeURIComponent(workgroup.id)}`, 'DELETE');
  }
  // Synced users with an email of their own (a shared one would pass to the next CIC user in line).
  const synced = new Set(Object.keys(expectedOrg(center).users));
  const emailOf = (user: (typeof center.users)[number]) => user.businessEmail?.trim().toLowerCase() ?? '';
  const sharing = center.users.map(emailOf).filter((email, i, all) => all.indexOf(email) !== i);
  const leaving = center.users
    .filter((u) => synced.has(u.businessEmail?.trim() ?? '') && !sharing.includes(emailOf(u)))
    .slice(0, 3);
  for (const user of leaving) await system.cicCall(`/sim/users/${encodeURIComponent(user.id)}`, 'DELETE');

  // The deletions reach delivery one by one, so the pause may first list only some of them; wait until it holds
  // all.
  const pauses = await eventually(async () => {
    const listed = (await call('/delivery/deletions')) as { kind: string; pending: number }[];
    return listed.some((pause) => pause.kind === 'queue' && pause.pending === doomed.length)
      ? listed
      : undefined;
  }, 30_000);
  expect(pauses).toEqual([expect.objectContaining({ kind: 'queue', pending: doomed.length })]);
  // Everything but the deletions goes on: the members' inherited skills follow at once; the queues stay.
  const expectedUsers = canonical(expectedOrg(await system.center()).users);
  const held = await eventually(async () => {
    const org = actualOrg(await system.dump());
    return canonical(org.users) === expectedUsers ? org : undefined;
  }, 30_000);
  expect(Object.keys(held.queues).sort()).toEqual([...queued].sort());
  // Deleted, not deactivated: Genesys keeps a deleted user's record with the state `deleted`.
  const stateOf = new Map(Object.values((await system.dump()).users).map((u) => [u.userName, u.state]));
  expect(leaving.map((u) => stateOf.get(u.businessEmail?.trim() ?? ''))).toEqual([
    'deleted',
    'deleted',
    'deleted',
  ]);

  expect(await call('/delivery/deletions/confirm', 'POST', { kind: 'queue' })).toEqual({
    confirmed: ['queue'],
  });
  const { expected, actual } = await system.converged(30_000);
  expect(actual).toEqual(expected);
  expect(Object.keys(actual.queues)).toHaveLength(queued.length - doomed.length);
}, 120_000);

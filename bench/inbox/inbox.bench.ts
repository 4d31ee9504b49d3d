// Inbox notifications (issue 19), all processes on the real Postgres and NATS: a center of N agents is synced, the
// inbox lane subscribes every synced agent's WFM topic, then M status changes are made in the Genesys simulator at
// R a second, spread over a sample of agents: time-off approvals, and a share T of shift trades accepted (offered
// to a sampled agent by one outside the sample, so that only the sampled agent's notification reaches the client).
// Each is timed from the status change to its arrival at a CIC client subscribed to those agents' notifications.
//
// Run: node -r @swc-node/register bench/inbox/inbox.bench.ts [--agents N] [--notifications M] [--rate R]
//        [--trades T] [--observed K] [--seed N] [--source]
//
// Reported: the synced agents, the channels and topics the lane holds (within 20 channels of 1,000 topics: the
// simulator refuses more) and the time to subscribe them all after the initial sync; the notifications'
// latency p50/p99/max (the client polls every 20 ms, which the figures include); missing and duplicated ones; peak
// RSS per process.
import { eventually } from '@bridge/testing';
import { startAgentClient } from '../../apps/e2e/test/support/cic-agent-client';
import { startSyncSystem } from '../../apps/e2e/test/support/sync-system';
import { describeMachine, percentile, printTable, runBench } from '../machine';
import {
  numberArg,
  peakRss,
  serviceMains,
  sleep,
  useCompiledServices,
  type ServiceName,
} from '../sync/support';

const AGENTS = numberArg('agents', 5_000);
const NOTIFICATIONS = numberArg('notifications', 500);
const RATE = numberArg('rate', 10);
const TRADES = numberArg('trades', 0);
const OBSERVED = numberArg('observed', 100);
const SEED = numberArg('seed', 19);
const ON = { INBOX_NOTIFICATIONS: 'on' };
const TARGET_P99_MS = 2_000;

const fmt = (ms: number) => (Number.isNaN(ms) ? 'n/a' : `${Math.round(ms).toLocaleString('en')} ms`);

async function main(): Promise<void> {
  console.log(describeMachine());
  console.log(useCompiledServices());
  const system = await startSyncSystem({
    label: 'benchinbox',
    center: { users: AGENTS, workgroups: 10, skills: 10, wrapups: 10, seed: SEED },
    deliveryEnv: ON,
    ingestionEnv: ON,
  });
  try {
    const started = Date.now();
    const { dump } = await system.converged(30 * 60_000);
    const synced = Object.values(dump.users).filter(
      (u) => u.active && !u.foreign && u.externalId !== undefined,
    );
    const syncedAt = Date.now();
    const state = await eventually(async () => {
      const now = (await system.genesysCall('/sim/notifications')) as {
        channels: number;
        connected: number;
        topics: number;
      };
      return now.topics === synced.length ? now : undefined;
    }, 10 * 60_000);
    const subscribedMs = Date.now() - syncedAt;

    const observed = synced.slice(0, Math.min(OBSERVED, synced.length));
    const first = observed[0];
    if (!first) throw new Error('no synced agent');
    const client = await startAgentClient(
      system.cic.baseUrl,
      first.externalId ?? '',
      observed.map((u) => ({ objectId: u.externalId ?? '', eventId: 'GenesysCloudInbox' })),
      { pollMs: 20 },
    );
    const partners = synced.slice(observed.length);
    const sentAt = new Map<string, number>();
    let trades = 0;
    for (let i = 0; i < NOTIFICATIONS; i += 1) {
      const agent = observed[i % observed.length] ?? first;
      // Spread evenly: the i-th change is a trade when the running share of trades passes a whole one.
      if (Math.floor((i + 1) * TRADES) > Math.floor(i * TRADES)) {
        const partner = partners[i % Math.max(1, partners.length)] ?? agent;
        const trade = (await system.genesysCall('/sim/wfm/shift-trades', 'POST', {
          initiatingUserId: partner.id,
          receivingUserId: agent.id,
          weekDate: '2026-12-07',
        })) as { id: string };
        sentAt.set(trade.id, Date.now());
        await system.genesysCall(`/sim/wfm/shift-trades/${trade.id}/state`, 'PUT', { state: 'Matched' });
        trades += 1;
      } else {
        const request = (await system.genesysCall('/sim/wfm/time-off-requests', 'POST', {
          userId: agent.id,
        })) as { id: string };
        sentAt.set(request.id, Date.now());
        await system.genesysCall(`/sim/wfm/time-off-requests/${request.id}/status`, 'PUT', {
          status: 'APPROVED',
        });
      }
      await sleep(1000 / RATE);
    }
    await eventually(async () => (client.received.length >= NOTIFICATIONS ? true : undefined), 60_000).catch(
      () => undefined,
    );
    await sleep(2_000);
    await client.stop();

    const seen = new Map<string, number>();
    const lags: number[] = [];
    for (const message of client.received) {
      const requestId = message.data[2] ?? '';
      seen.set(requestId, (seen.get(requestId) ?? 0) + 1);
      const at = sentAt.get(requestId);
      if (at !== undefined && seen.get(requestId) === 1) lags.push(message.receivedAt - at);
    }
    const missing = [...sentAt.keys()].filter((id) => !seen.has(id)).length;
    const duplicated = [...seen.values()].filter((n) => n > 1).length;
    const p99 = percentile(lags, 99);
    const rss = peakRss(Object.keys(serviceMains) as ServiceName[]);
    const mix = `${NOTIFICATIONS - trades} time-off approvals + ${trades} shift trades accepted`;
    printTable(`inbox: ${synced.length} synced agents, ${mix} at ${RATE}/s`, [
      ['measure', 'value', 'note'],
      ['initial sync', fmt(syncedAt - started), `${AGENTS} CIC users`],
      [
        'channels / connected / topics',
        `${state.channels} / ${state.connected} / ${state.topics}`,
        '≤ 20 × 1,000',
      ],
      ['all topics subscribed after the sync', fmt(subscribedMs), ''],
      [
        'latency p50 / p99',
        `${fmt(percentile(lags, 50))} / ${fmt(p99)}`,
        p99 <= TARGET_P99_MS ? 'pass' : 'FAIL',
      ],
      ['latency max', fmt(percentile(lags, 100)), `${lags.length} timed`],
      ['missing / duplicated', `${missing} / ${duplicated}`, missing + duplicated === 0 ? 'pass' : 'FAIL'],
      ...Object.entries(rss).map(
        ([name, mib]) => [`peak RSS ${name}`, `${(mib ?? 0).toFixed(0)} MiB`, ''] as const,
      ),
    ]);
    if (missing + duplicated > 0 || p99 > TARGET_P99_MS) process.exitCode = 1;
  } finally {
    await system.stop();
  }
}

runBench(main);

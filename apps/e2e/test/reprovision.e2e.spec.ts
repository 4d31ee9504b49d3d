import {
  DeliveryReprovisionProgressed,
  OperatorReprovisionStart,
  type ReprovisionProgress,
} from '@bridge/contracts';
import { connectNats, sendOperatorCommand, Topology, type NatsConnection } from '@bridge/messaging';
import { eventually } from '@bridge/testing';
import { jetstream } from '@nats-io/jetstream';
import { canonical, duplicates } from './support/expected-org';
import { startSyncSystem, type SyncSystem } from './support/sync-system';

/**
 * Reprovision by replay (issue 15), as the console drives it: the whole sync as processes converges, the Genesys
 * Cloud simulator is reset (a newly paired, empty org), and a `newOrg` reprovision sent over NATS makes
 * object-mapping republish every desired document and delivery create everything again. Its progress events
 * climb to 100% and the org converges to the same content, with no duplicates.
 */
const CENTER = { users: 60, workgroups: 6, skills: 8, wrapups: 8, seed: 15 };

let system: SyncSystem;
let nats: NatsConnection;

beforeAll(async () => {
  system = await startSyncSystem({
    label: 'reprovision',
    center: CENTER,
    deliveryEnv: { GC_RATE_LIMIT_PER_MINUTE: '6000' },
  });
  nats = await connectNats(system.isolation().natsUrl, 'reprovision-e2e-console');
}, 120_000);

afterAll(async () => {
  await nats?.close();
  await system?.stop();
});

it('reprovisions a freshly reset org to the same content, its progress reaching 100%', async () => {
  const before = await system.converged(120_000);
  expect(before.actual).toEqual(before.expected);
  await system.genesysCall('/sim/reset', 'POST');
  expect(Object.keys((await system.dump()).users)).toEqual([]);

  const topology = new Topology(system.isolation().namespace);
  const answer = await sendOperatorCommand(nats, topology, OperatorReprovisionStart, {
    operator: 'e2e-admin',
    target: 'newOrg',
  });
  if (!answer.ok) throw new Error(`refused: ${JSON.stringify(answer.refusal)}`);
  const { runId } = answer.result;
  expect(answer.result).toMatchObject({ state: 'running', target: 'newOrg', operator: 'e2e-admin' });

  // The console's way of following a run: its events on DELIVERY (NATS 2.9 filters one subject per consumer,
  // so this reads the stream and keeps the run's).
  const consumer = await jetstream(nats).consumers.get(topology.stream('DELIVERY'));
  const messages = await consumer.consume();
  const seen: ReprovisionProgress[] = [];
  void (async () => {
    for await (const message of messages) {
      const event = message.json<{ type: string; data: ReprovisionProgress }>();
      if (event.type === DeliveryReprovisionProgressed.type && event.data.runId === runId)
        seen.push(event.data);
    }
  })();
  const finished = await eventually(async () => {
    const last = seen.at(-1);
    return last?.state === 'finished' ? last : undefined;
  }, 120_000);
  await messages.close();

  expect(finished).toMatchObject({
    runId,
    percent: 100,
    state: 'finished',
    finishedAt: expect.any(String) as unknown,
  });
  const percents = seen.map((progress) => progress.percent);
  expect(percents).toEqual([...percents].sort((a, b) => a - b));
  const mapping = finished?.phases.find((phase) => phase.phase === 'mapping');
  expect(mapping?.done).toBeGreaterThan(CENTER.users);
  expect(finished?.phases.find((phase) => phase.phase === 'user')).toMatchObject({ failed: 0 });

  const after = await system.converged(60_000);
  expect(canonical(after.actual)).toBe(canonical(before.actual));
  expect(duplicates(after.dump)).toEqual([]);
}, 300_000);

import {
  DeliveryReprovisionProgressed,
  MappingQueueDesired,
  MappingSkillDesired,
  MappingUserDesired,
  MappingWrapUpCodeDesired,
  OperatorDeletionsConfirm,
  OperatorDeletionsPreview,
  OperatorDeliveryStatusRead,
  OperatorMappingRebuild,
  OperatorPlanDryRun,
  OperatorQuarantineList,
  OperatorQuarantineRelease,
  OperatorRecordRead,
  OperatorReprovisionProgress,
  OperatorReprovisionStart,
  OperatorSyncPause,
  OperatorSyncResume,
  type AnyEventDefinition,
  type EventData,
  type ReprovisionProgress,
} from '@bridge/contracts';
import {
  connectNats,
  OperatorCommandServer,
  sendOperatorCommand,
  sendOperatorCommandToEvery,
  Topology,
  type NatsConnection,
} from '@bridge/messaging';
import {
  callSimulator,
  createIsolation,
  eventually,
  freePort,
  type Isolation,
  operatorResultOf,
  type ServiceProcess,
  startDelivery,
  startGenesysSimulator,
} from '@bridge/testing';
import { jetstream } from '@nats-io/jetstream';
import { desiredPublisher, type DesiredPublisher } from './support/desired-publisher';

/**
 * genesys-delivery's operator commands as the console sends them: NATS request/reply to the service as a process,
 * on real Postgres and NATS, against the Genesys Cloud simulator. Each command's answer, its refusals, its audit
 * line, and what it did to the org.
 */
interface Org {
  users: Record<string, { userName: string; displayName: string; active: boolean }>;
  wrapupCodes: Record<string, { name: string; state?: string }>;
  queues: Record<string, { name: string; members: Record<string, unknown> }>;
  skills: Record<string, { name: string; state: string }>;
}

let isolation: Isolation;
let sim: ServiceProcess;
let delivery: ServiceProcess;
let publisher: DesiredPublisher;
let nats: NatsConnection;
let topology: Topology;

const operator = 'ops-test-admin';
const publish = <D extends AnyEventDefinition>(definition: D, data: EventData<D>) =>
  publisher.publish(definition, data);

const simCall = (path: string, method?: string, body?: unknown) => callSimulator(sim, path, method, body);
const org = async () => ((await simCall('/sim/state')) as { org: Org }).org;
const activeUsers = async () =>
  Object.values((await org()).users)
    .filter((u) => u.active)
    .map((u) => u.userName)
    .sort();
const liveCodes = async () =>
  Object.values((await org()).wrapupCodes)
    .filter((c) => c.state === undefined || c.state === 'active')
    .map((c) => c.name)
    .sort();

const status = async () => {
  const answers = await sendOperatorCommandToEvery(nats, topology, OperatorDeliveryStatusRead, { operator });
  expect(answers).toHaveLength(1);
  return operatorResultOf(answers[0]);
};
const drained = () =>
  eventually(async () => {
    const { configuration } = await status();
    return configuration.backlog === 0 ? configuration : undefined;
  }, 30_000);
const auditLogged = (line: RegExp) =>
  eventually(async () => {
    expect(delivery.output()).toMatch(line);
    return true;
  }, 5_000);

const user = (key: string, displayName = key.toUpperCase()) => ({
  key,
  state: 'present' as const,
  document: {
    externalId: key,
    userName: `${key}@example.com`,
    displayName,
    phoneNumbers: [],
    routingSkills: [{ key: 'billing', rating: 3 }],
    routingLanguages: [],
  },
});

beforeAll(async () => {
  isolation = await createIsolation('delivery-operator');
  const [simPort, deliveryPort] = [await freePort(), await freePort()];
  sim = await startGenesysSimulator(simPort);
  delivery = await startDelivery(isolation, deliveryPort, sim.baseUrl, {
    GC_RATE_LIMIT_PER_MINUTE: '6000',
    DELIVERY_RETRY_BASE_MS: '50',
    DELIVERY_RETRY_MAX_MS: '200',
    DELIVERY_MAX_ATTEMPTS: '2',
    DELIVERY_DELETION_SETTLE_MS: '200',
  });
  publisher = await desiredPublisher(isolation, 'operator-test');
  nats = await connectNats(isolation.natsUrl, 'operator-test-console');
  topology = new Topology(isolation.namespace);
  await publish(MappingSkillDesired, { key: 'billing', state: 'present', document: { name: 'Billing' } });
  for (const key of ['ann', 'bob', 'cy']) await publish(MappingUserDesired, user(key));
  for (const name of ['Sale', 'No sale', 'Callback'])
    await publish(MappingWrapUpCodeDesired, { key: name, state: 'present', document: { name } });
  await publish(MappingQueueDesired, {
    key: 'Support',
    state: 'present',
    document: { name: 'Support', memberKeys: ['ann', 'bob', 'cy'], wrapUpCodeKeys: ['Sale'] },
  });
  await eventually(async () => {
    const queue = Object.values((await org()).queues)[0];
    const converged = (await liveCodes()).length === 3 && Object.keys(queue?.members ?? {}).length === 3;
    return converged ? true : undefined;
  }, 30_000);
  await drained();
}, 90_000);

afterAll(async () => {
  await nats?.close();
  await publisher?.close();
  await delivery?.stop();
  await sim?.stop();
  await isolation?.dispose();
});

it('answers the status only delivery knows: instance, token, rate budget, lanes', async () => {
  const answer = await status();
  expect(answer.process).toMatchObject({ service: 'genesys-delivery' });
  expect(answer.process.instance).toMatch(/:\d+$/);
  expect(answer.genesys).toMatchObject({ apiUrl: sim.baseUrl, token: { state: 'valid' } });
  expect(answer.rateBudget).toMatchObject({ perMinute: 6000, rateLimited: 0, retryAfterSeconds: 0 });
  expect(answer.sync).toEqual({ paused: false });
  expect(answer.configuration).toMatchObject({ backlog: 0, quarantined: 0, pausedDeletions: 0 });
  expect(answer.replication).toEqual({ backlog: 0, lagSeconds: 0 });
  // INBOX_NOTIFICATIONS is off by default: the lane never takes the channels (inbox.e2e shows it holding them).
  expect(answer.inbox).toEqual({ enabled: false, holding: false, channels: [], unplacedUsers: 0 });
  expect(answer.settings).toEqual(
    expect.arrayContaining([
      { name: 'GC_API_URL', value: sim.baseUrl, secret: false, source: 'environment' },
      { name: 'GC_CLIENT_SECRET', secret: true, source: 'environment' },
      { name: 'DELIVERY_WORKERS', value: '4', secret: false, source: 'default' },
    ]),
  );
  const secret = isolation.env['GC_CLIENT_SECRET'] ?? 'unset';
  expect(JSON.stringify(answer)).not.toContain(secret);
});

it('refuses a request that does not parse, naming the field, and audits the refusal', async () => {
  const answer = await sendOperatorCommand(nats, topology, OperatorQuarantineRelease, {
    operator,
    kind: 'planet' as never,
  });
  expect(answer).toMatchObject({ ok: false, refusal: { code: 'invalid', field: 'kind' } });
  const anonymous = await sendOperatorCommand(nats, topology, OperatorSyncPause, {} as never);
  expect(anonymous).toMatchObject({ ok: false, refusal: { code: 'invalid', field: 'operator' } });
  await auditLogged(/operator command operator\.quarantine\.release refused/);
});

it('pauses the sync: nothing reaches Genesys, the dry run shows what would; resume delivers it', async () => {
  const paused = operatorResultOf(
    await sendOperatorCommand(nats, topology, OperatorSyncPause, { operator, reason: 'org maintenance' }),
  );
  expect(paused).toMatchObject({ paused: true, changedBy: operator, reason: 'org maintenance' });
  await auditLogged(/operator command operator\.sync\.pause by \\?"ops-test-admin\\?" .*: done/);
  // The lanes read the pause within ten polls; a change published after that must wait.
  await new Promise((resolve) => setTimeout(resolve, 1500));
  await publish(MappingUserDesired, user('ann', 'Ann Renamed'));
  await publish(MappingUserDesired, user('dee'));
  await eventually(async () => ((await status()).configuration.backlog === 2 ? true : undefined));
  await new Promise((resolve) => setTimeout(resolve, 1000));
  expect(await activeUsers()).toEqual(['ann@example.com', 'bob@example.com', 'cy@example.com']);

  const plan = operatorResultOf(
    await sendOperatorCommand(nats, topology, OperatorPlanDryRun, { operator, kind: 'user' }),
  );
  expect(plan.counts).toEqual({ user: { create: 1, update: 1, delete: 0, unchanged: 2 } });
  expect(plan.changes).toEqual([
    expect.objectContaining({
      kind: 'user',
      cicId: 'dee',
      name: 'dee@example.com',
      change: 'create',
      operations: [expect.objectContaining({ type: 'createUser' })],
    }),
    expect.objectContaining({
      kind: 'user',
      cicId: 'ann',
      name: 'ann@example.com',
      change: 'update',
      genesysId: expect.any(String) as unknown,
      operations: [{ type: 'patchUser', changes: { displayName: 'Ann Renamed' } }],
      heldByDeletionGuard: false,
    }),
  ]);
  // Asked again with the tables unchanged, the plan held for their version answers.
  const again = operatorResultOf(
    await sendOperatorCommand(nats, topology, OperatorPlanDryRun, { operator, kind: 'user' }),
  );
  expect(again).toEqual(plan);
  const limited = operatorResultOf(
    await sendOperatorCommand(nats, topology, OperatorPlanDryRun, { operator, limit: 1 }),
  );
  expect(limited).toMatchObject({ omitted: 1 });
  expect(limited.changes).toHaveLength(1);

  expect(
    operatorResultOf(await sendOperatorCommand(nats, topology, OperatorSyncResume, { operator })),
  ).toMatchObject({
    paused: false,
    changedBy: operator,
  });
  await drained();
  expect(await activeUsers()).toEqual([
    'ann@example.com',
    'bob@example.com',
    'cy@example.com',
    'dee@example.com',
  ]);
  expect(Object.values((await org()).users).find((u) => u.userName === 'ann@example.com')?.displayName).toBe(
    'Ann Renamed',
  );
  // The plan of every kind held since `limited` was computed from tables the delivery has changed since.
  const after = operatorResultOf(await sendOperatorCommand(nats, topology, OperatorPlanDryRun, { operator }));
  expect(after.changes).toEqual([]);
  expect(after.computedAt).not.toBe(limited.computedAt);
}, 60_000);

it('previews a paused mass deletion exactly, refuses a stale confirm, and deletes on a current one', async () => {
  for (const key of ['No sale', 'Callback'])
    await publish(MappingWrapUpCodeDesired, { key, state: 'absent', reason: 'removedFromCic' });
  const preview = await eventually(async () => {
    const found = operatorResultOf(
      await sendOperatorCommand(nats, topology, OperatorDeletionsPreview, { operator }),
    );
    return found.items.length === 2 ? found : undefined;
  });
  expect(preview.pauses).toMatchObject([{ kind: 'wrapUpCode', pending: 2, managed: 3 }]);
  expect(preview.items).toEqual([
    {
      kind: 'wrapUpCode',
      cicId: 'Callback',
      name: 'Callback',
      genesysId: expect.any(String) as unknown,
      action: 'delete',
    },
    {
      kind: 'wrapUpCode',
      cicId: 'No sale',
      name: 'No sale',
      genesysId: expect.any(String) as unknown,
      action: 'delete',
    },
  ]);
  const plan = operatorResultOf(
    await sendOperatorCommand(nats, topology, OperatorPlanDryRun, { operator, kind: 'wrapUpCode' }),
  );
  expect(plan.changes.map((c) => [c.cicId, c.change, c.heldByDeletionGuard])).toEqual([
    ['Callback', 'delete', true],
    ['No sale', 'delete', true],
  ]);

  const stale = await sendOperatorCommand(nats, topology, OperatorDeletionsConfirm, {
    operator,
    previewId: 'an-older-preview',
  });
  expect(stale).toMatchObject({ ok: false, refusal: { code: 'stale', field: 'previewId' } });
  expect(await liveCodes()).toEqual(['Callback', 'No sale', 'Sale']);

  const confirmed = operatorResultOf(
    await sendOperatorCommand(nats, topology, OperatorDeletionsConfirm, {
      operator,
      previewId: preview.previewId,
    }),
  );
  expect(confirmed).toEqual({ confirmed: ['wrapUpCode'], items: 2 });
  await auditLogged(/operator command operator\.deletions\.confirm by \\?"ops-test-admin\\?" .*: done/);
  await eventually(async () => ((await liveCodes()).join() === 'Sale' ? true : undefined));
  const none = await sendOperatorCommand(nats, topology, OperatorDeletionsConfirm, {
    operator,
    previewId: preview.previewId,
  });
  expect(none).toMatchObject({ ok: false, refusal: { code: 'notFound' } });
}, 60_000);

it('lists quarantined records and releases one, refusing a record that is not quarantined', async () => {
  await simCall('/sim/faults', 'POST', {
    pathPrefix: '/api/v2/routing/wrapupcodes',
    method: 'POST',
    errorRatio: 1,
    errorStatus: 500,
  });
  await publish(MappingWrapUpCodeDesired, { key: 'Stuck', state: 'present', document: { name: 'Stuck' } });
  const listed = await eventually(async () => {
    const list = operatorResultOf(
      await sendOperatorCommand(nats, topology, OperatorQuarantineList, { operator }),
    );
    return list.total === 1 ? list : undefined;
  });
  expect(listed.records).toEqual([
    expect.objectContaining({
      kind: 'wrapUpCode',
      cicId: 'Stuck',
      attempts: 2,
      error: expect.any(Object) as unknown,
    }),
  ]);
  const stuck = operatorResultOf(
    await sendOperatorCommand(nats, topology, OperatorRecordRead, {
      operator,
      kind: 'wrapUpCode',
      cicId: 'Stuck',
    }),
  );
  expect(stuck).toMatchObject({
    desired: { present: true, document: { name: 'Stuck' } },
    delivery: { due: true, attempts: 2, quarantined: true },
  });
  expect(stuck).not.toHaveProperty('genesys');
  const sale = operatorResultOf(
    await sendOperatorCommand(nats, topology, OperatorRecordRead, {
      operator,
      kind: 'wrapUpCode',
      cicId: 'Sale',
    }),
  );
  expect(sale).toMatchObject({
    delivery: { due: false, quarantined: false },
    genesys: { name: 'Sale', origin: 'created', live: true, document: { name: 'Sale' } },
  });
  expect(
    await sendOperatorCommand(nats, topology, OperatorRecordRead, {
      operator,
      kind: 'queue',
      cicId: 'Nowhere',
    }),
  ).toMatchObject({ ok: false, refusal: { code: 'notFound', record: 'queue:Nowhere' } });
  const missing = await sendOperatorCommand(nats, topology, OperatorQuarantineRelease, {
    operator,
    kind: 'wrapUpCode',
    cicId: 'Sale',
  });
  expect(missing).toMatchObject({ ok: false, refusal: { code: 'notFound', record: 'wrapUpCode:Sale' } });

  await simCall('/sim/faults', 'DELETE');
  const released = operatorResultOf(
    await sendOperatorCommand(nats, topology, OperatorQuarantineRelease, {
      operator,
      kind: 'wrapUpCode',
      cicId: 'Stuck',
    }),
  );
  expect(released).toEqual({ released: [{ kind: 'wrapUpCode', cicId: 'Stuck' }] });
  await eventually(async () => ((await liveCodes()).includes('Stuck') ? true : undefined));
}, 60_000);

it('reprovisions a reset org by replay, with progress events reaching 100%, and refuses a second run', async () => {
  // object-mapping is not running in this test: a stand-in answers its rebuild (it is tested on its own).
  const mapping = new OperatorCommandServer(nats, topology, 'object-mapping');
  mapping.serve(OperatorMappingRebuild, async () => ({
    ok: true,
    result: { published: 9, total: 9, durationMs: 1 },
  }));
  const before = await activeUsers();
  await simCall('/sim/reset', 'POST');
  expect(await activeUsers()).toEqual([]);
  const progressEvents: ReprovisionProgress[] = [];
  const consumer = await jetstream(nats).consumers.get(topology.stream('DELIVERY'));
  const messages = await consumer.consume();
  void (async () => {
    for await (const message of messages) {
      const event = message.json<{ type: string; data: ReprovisionProgress }>();
      if (event.type === DeliveryReprovisionProgressed.type) progressEvents.push(event.data);
    }
  })();

  // Paused first, so the run cannot finish before the second start is refused.
  operatorResultOf(await sendOperatorCommand(nats, topology, OperatorSyncPause, { operator }));
  const started = operatorResultOf(
    await sendOperatorCommand(nats, topology, OperatorReprovisionStart, { operator, target: 'newOrg' }),
  );
  expect(started).toMatchObject({ target: 'newOrg', operator, state: 'running' });
  expect(started.percent).toBeLessThan(100);
  const second = await sendOperatorCommand(nats, topology, OperatorReprovisionStart, {
    operator,
    target: 'sameOrg',
  });
  expect(second).toMatchObject({ ok: false, refusal: { code: 'conflict', record: started.runId } });
  const waiting = operatorResultOf(
    await sendOperatorCommand(nats, topology, OperatorReprovisionProgress, { operator }),
  );
  expect(waiting.etaSeconds).toBeGreaterThan(0);
  operatorResultOf(await sendOperatorCommand(nats, topology, OperatorSyncResume, { operator }));

  const finished = await eventually(async () => {
    const progress = operatorResultOf(
      await sendOperatorCommand(nats, topology, OperatorReprovisionProgress, {
        operator,
        runId: started.runId,
      }),
    );
    return progress.state === 'finished' ? progress : undefined;
  }, 30_000);
  expect(finished.percent).toBe(100);
  expect(finished.phases[0]).toEqual({ phase: 'mapping', done: 9, failed: 0, total: 9 });
  expect(finished.phases.find((p) => p.phase === 'user')).toEqual({
    phase: 'user',
    done: 4,
    failed: 0,
    total: 4,
  });
  expect(await activeUsers()).toEqual(before);
  expect(Object.values((await org()).queues).map((q) => [q.name, Object.keys(q.members).length])).toEqual([
    ['Support', 3],
  ]);
  await eventually(async () => (progressEvents.some((p) => p.state === 'finished') ? true : undefined));
  expect(progressEvents.at(-1)).toMatchObject({ runId: started.runId, percent: 100, state: 'finished' });
  // The stream keeps only a run's newest event, so a reader may see one; those it sees never go back.
  const percents = progressEvents.map((p) => p.percent);
  expect(percents).toEqual([...percents].sort((a, b) => a - b));
  await messages.close();
  await mapping.close();
}, 90_000);

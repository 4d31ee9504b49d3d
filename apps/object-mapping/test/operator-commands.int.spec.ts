import {
  CicSkillChanged,
  CicUserChanged,
  CicWrapUpCodeChanged,
  OperatorMappingRebuild,
  OperatorMappingStatusRead,
  type EventDefinition,
} from '@bridge/contracts';
import {
  connectNats,
  ensureStreams,
  EventPublisher,
  sendOperatorCommand,
  sendOperatorCommandToEvery,
  Topology,
  type NatsConnection,
} from '@bridge/messaging';
import {
  createIsolation,
  operatorResultOf,
  eventually,
  freePort,
  startServiceProcess,
  type Isolation,
  type ServiceProcess,
} from '@bridge/testing';
import { jetstreamManager } from '@nats-io/jetstream';
import { cicPublisher } from './support/cic-publisher';

// object-mapping's operator commands as the console and genesys-delivery send them, to the service as a process
// on the real NATS: its status read, and the rebuild that republishes every desired document.

let isolation: Isolation;
let nats: NatsConnection;
let topology: Topology;
let publisher: EventPublisher;
let service: ServiceProcess;
const operator = 'mapping-test-admin';

const cic = <D extends EventDefinition>(definition: D, data: unknown) =>
  cicPublisher(publisher)(definition, data);

const lastSequence = async (stream: 'CIC' | 'MAPPING') =>
  (await (await jetstreamManager(nats)).streams.info(topology.stream(stream))).state.last_seq;

const status = async () => {
  const answers = await sendOperatorCommandToEvery(nats, topology, OperatorMappingStatusRead, { operator });
  expect(answers).toHaveLength(1);
  return operatorResultOf(answers[0]);
};

beforeAll(async () => {
  isolation = await createIsolation('mapping-operator');
  topology = new Topology(isolation.namespace);
  nats = await connectNats(isolation.natsUrl, 'mapping-operator-test');
  await ensureStreams(nats, topology);
  publisher = new EventPublisher(nats, topology);
  const port = await freePort();
  service = await startServiceProcess({
    name: 'object-mapping',
    main: 'apps/object-mapping/src/main.ts',
    env: { ...isolation.env, OBJECT_MAPPING_PORT: String(port), LOG_LEVEL: 'warn' },
    baseUrl: `http://127.0.0.1:${port}`,
  });
  await cic(CicSkillChanged, { skill: { id: 'Billing', treatAsLanguage: false } });
  await cic(CicWrapUpCodeChanged, { wrapUpCode: { id: 'Sold' } });
  await cic(CicUserChanged, {
    user: {
      id: 'Ann',
      businessEmail: 'ann@example.com',
      phones: {},
      skills: [{ skillId: 'Billing', proficiency: 50 }],
    },
  });
}, 60_000);

afterAll(async () => {
  await service?.stop();
  await nats?.close();
  await isolation?.dispose();
});

it('answers where its projection stands: rebuilt, caught up with the CIC stream, nothing waiting', async () => {
  const cicSequence = await lastSequence('CIC');
  const answer = await eventually(async () => {
    const current = await status();
    // Applied and published are two moments: wait for both, as "nothing waiting" means.
    return current.projection.lastAppliedSequence === cicSequence &&
      current.backlog === 0 &&
      current.projection.dirty === 0
      ? current
      : undefined;
  });
  expect(answer.process).toMatchObject({ service: 'object-mapping' });
  expect(answer.projection).toMatchObject({
    rebuilt: true,
    dirty: 0,
    lastAppliedAt: expect.any(String) as unknown,
  });
  expect(answer).not.toHaveProperty('lastRebuild');
});

it('republishes every desired document on request, audited, and reports it in its status', async () => {
  await eventually(async () => ((await lastSequence('MAPPING')) >= 3 ? true : undefined));
  const before = await lastSequence('MAPPING');
  const rebuilt = operatorResultOf(
    await sendOperatorCommand(nats, topology, OperatorMappingRebuild, { operator }),
  );
  // A skill, a wrap-up code, a user and the user's presence (absent: no status yet) are recomputed; the three
  // documents published before are published again.
  expect(rebuilt).toMatchObject({ published: 3 });
  expect(rebuilt.total).toBeGreaterThanOrEqual(3);
  expect(await lastSequence('MAPPING')).toBe(before + 3);
  expect((await status()).lastRebuild).toMatchObject({ operator, published: 3 });
  await eventually(async () => {
    expect(service.output()).toMatch(
      /operator command operator\.mapping\.rebuild by \\?"mapping-test-admin\\?" .*: done/,
    );
    return true;
  });
});

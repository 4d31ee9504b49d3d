import { isolatedName } from './support/isolated-env';
import {
  CicUserChanged,
  CicWorkgroupChanged,
  type BridgeEvent,
  type CicUser,
  type CicWorkgroup,
  type Envelope,
  type EventDefinition,
} from '@bridge/contracts';
import { connectNats, ensureStreams, EventPublisher, Topology, type NatsConnection } from '@bridge/messaging';
import { createIsolation, type Isolation } from '@bridge/testing';
import type { Context } from '@opentelemetry/api';
import { randomUUID } from 'node:crypto';
import { MappingProjection } from '../src/projection/mapping-projection';
import { readStream } from '../src/projection/stream-readers';

// The projection in process against the real NATS, with a publisher the test can hold: what happens while a
// publish is in flight.

let isolation: Isolation;
let nats: NatsConnection;
let topology: Topology;

/** Holds the publishes of queue documents until `release`, as a slow broker would. */
class HeldQueuePublisher extends EventPublisher {
  heldCount = 0;
  release: () => void = () => undefined;
  private readonly held = new Promise<void>((resolve) => (this.release = resolve));

  override async publish(envelope: Envelope, parent?: Context, msgId?: string) {
    if (envelope.type === 'MappingQueueDesired') {
      this.heldCount++;
      await this.held;
    }
    return super.publish(envelope, parent, msgId);
  }
}

let sequence = 0;
const event = <D extends EventDefinition>(definition: D, data: unknown) => ({
  sequence: ++sequence,
  event: {
    id: randomUUID(),
    type: definition.type,
    schemaVersion: definition.schemaVersion,
    occurredAt: new Date().toISOString(),
    source: 'test',
    correlationId: randomUUID(),
    data,
  } as BridgeEvent,
});
const user = (id: string): CicUser => ({ id, businessEmail: `${id}@example.com`, phones: {}, skills: [] });
const sales = (members: string[]): CicWorkgroup => ({
  id: 'Sales',
  queueType: 'ACD',
  hasQueue: true,
  isActive: true,
  members,
  skills: [],
  wrapUpCodes: [],
});

beforeAll(async () => {
  isolation = await createIsolation('projection', isolatedName);
  topology = new Topology(isolation.namespace);
  nats = await connectNats(isolation.natsUrl, 'mapping-projection-test');
  await ensureStreams(nats, topology);
});

afterAll(async () => {
  await nats?.close();
  await isolation?.dispose();
});

it('publishes a queue again when it changed while its previous document was being published', async () => {
  const publisher = new HeldQueuePublisher(nats, topology);
  const projection = new MappingProjection(nats, topology, publisher);
  await projection.start();

  const first = projection.apply([
    event(CicUserChanged, { user: user('ann') }),
    event(CicWorkgroupChanged, { workgroup: sales(['ann']) }),
  ]);
  while (publisher.heldCount === 0) await new Promise((resolve) => setTimeout(resolve, 10));
  // While Sales (ann) is in flight, bob joins it: the held queues' release runs beside the consumer this way.
  const second = projection.apply([
    event(CicUserChanged, { user: user('bob') }),
    event(CicWorkgroupChanged, { workgroup: sales(['ann', 'bob']) }),
  ]);
  publisher.release();
  await Promise.all([first, second]);

  let memberKeys: unknown;
  await readStream(nats, topology, { stream: 'MAPPING', lastPerSubject: true }, (published) => {
    if (published.type === 'MappingQueueDesired')
      memberKeys = (published.data as { document?: { memberKeys?: unknown } }).document?.memberKeys;
  });
  expect(memberKeys).toEqual(['ann', 'bob']);
});

import {
  decodeEvent,
  MappingUserDesired,
  subjectOf,
  type BridgeEvent,
  type Envelope,
  type EventData,
} from '@bridge/contracts';
import { createIsolation, type Isolation } from '@bridge/testing';
import { DeliverPolicy, jetstream, jetstreamManager } from '@nats-io/jetstream';
import { randomUUID } from 'node:crypto';
import { connectNats, ensureStreams, type NatsConnection } from './connection';
import { EventPublisher } from './publisher';
import { Topology } from './topology';

// A renamed event keeps its subject (ADR 0003): a document MAPPING holds under the former type is replaced by the
// next one, and read back it decodes as the event it is now.

let isolation: Isolation;
let nats: NatsConnection;
let topology: Topology;

const desired = (type: string, name: string): Envelope<EventData<typeof MappingUserDesired>> => ({
  id: randomUUID(),
  type,
  schemaVersion: 1,
  occurredAt: new Date().toISOString(),
  source: 'test',
  correlationId: randomUUID(),
  data: {
    key: 'John.Smith',
    state: 'present',
    document: {
      externalId: 'John.Smith',
      userName: 'john@example.com',
      displayName: name,
      phoneNumbers: [],
      routingSkills: [],
      routingLanguages: [],
    },
  },
});

beforeAll(async () => {
  isolation = await createIsolation('former-types');
  nats = await connectNats(isolation.natsUrl, 'former-types-test');
  topology = new Topology(isolation.namespace);
  await ensureStreams(nats, topology);
});
afterAll(async () => {
  await nats.close();
  await isolation.dispose();
});

async function lastPerSubject(): Promise<{ subject: string; event: BridgeEvent }[]> {
  const stream = topology.stream('MAPPING');
  const { state } = await (await jetstreamManager(nats)).streams.info(stream);
  const consumer = await jetstream(nats).consumers.get(stream, {
    deliver_policy: DeliverPolicy.LastPerSubject,
  });
  const out: { subject: string; event: BridgeEvent }[] = [];
  for (let i = 0; i < state.messages; i++) {
    const message = await consumer.next({ expires: 2000 });
    if (!message) break;
    out.push({ subject: topology.contractSubject(message.subject), event: decodeEvent(message.json()) });
  }
  return out;
}

it('keeps one document per object across the rename, read under the current type', async () => {
  const publisher = new EventPublisher(nats, topology);
  await publisher.publish(desired('DesiredUserChanged', 'John Smith'));
  expect((await lastPerSubject()).map(({ event }) => event.type)).toEqual(['MappingUserDesired']);

  const current = desired(MappingUserDesired.type, 'John A. Smith');
  await publisher.publish(current);
  const kept = await lastPerSubject();
  expect(kept.map(({ subject, event }) => [subject, event.type, event.id])).toEqual([
    [subjectOf(MappingUserDesired, current.data), 'MappingUserDesired', current.id],
  ]);
});

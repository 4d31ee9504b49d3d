import {
  CicStatusMessageChanged,
  CicStatusMessageRemoved,
  CicUserChanged,
  CicUserStatusChanged,
  CicUserRemoved,
  CicWorkgroupChanged,
  decodeEvent,
  type BridgeEvent,
  type CicStatusMessage,
  type CicUser,
  type CicUserStatus,
  type CicWorkgroup,
  type Envelope,
  type EventData,
  type EventDefinition,
} from '@bridge/contracts';
import type { TraceCarrier } from '@bridge/telemetry';
import { Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { mappingRulesOf, presenceRulesOf, readObjectMappingConfig } from '../config';
import { aStatusMessage } from '../../test/support/status-message';
import { MappingProjection, type DesiredPublisher } from './mapping-projection';

// The projection alone: the streams it is rebuilt from are lists, and its publisher records what it publishes.

beforeAll(() => {
  Logger.overrideLogger(false);
});

function cic<D extends EventDefinition>(definition: D, data: EventData<D>): BridgeEvent {
  return decodeEvent({
    id: randomUUID(),
    type: definition.type,
    schemaVersion: definition.schemaVersion,
    occurredAt: new Date().toISOString(),
    source: 'cic-ingestion',
    correlationId: randomUUID(),
    data,
  });
}
const user = (id: string): CicUser => ({ id, businessEmail: `${id}@example.com`, phones: {}, skills: [] });
const userChanged = (id: string) => cic(CicUserChanged, { user: user(id) });
const sales = (members: string[]): CicWorkgroup => ({
  id: 'Sales',
  queueType: 'ACD',
  hasQueue: true,
  isActive: true,
  members,
  skills: [],
  wrapUpCodes: [],
});

/** Records every envelope published, in order. */
class RecordingPublisher implements DesiredPublisher {
  readonly published: Envelope[] = [];
  /** The trace each envelope was published in. */
  readonly traces: (TraceCarrier | undefined)[] = [];

  async publish(envelope: Envelope, trace?: TraceCarrier): Promise<void> {
    this.published.push(envelope);
    this.traces.push(trace);
  }

  /** `<type> <key> <state>` of each document published. */
  summary(): string[] {
    return this.published.map((envelope) => {
      const data = envelope.data as { key: string; state: string };
      return `${envelope.type} ${data.key} ${data.state}`;
    });
  }
}

/** A projection started on streams that hold `given`: the CIC history and the last documents on MAPPING. */
async function started(
  given: {
    cic?: readonly BridgeEvent[];
    mapping?: readonly Envelope[];
    rebuild?: boolean;
    env?: Record<string, string>;
  } = {},
  publisher = new RecordingPublisher(),
) {
  const cicHistory = given.cic ?? [];
  const config = readObjectMappingConfig(given.env ?? {});
  const projection = new MappingProjection({
    rules: mappingRulesOf(config),
    presence: presenceRulesOf(config),
    rebuild: given.rebuild ?? false,
    readStream: async ({ stream }, onEvent) => {
      const events = stream === 'CIC' ? cicHistory : (given.mapping ?? []).map(decodeEvent);
      events.forEach((event, index) => onEvent(event, index + 1));
      return events.length;
    },
    publisher,
  });
  await projection.start();
  // Sequences of the CIC stream after its history, as the durable consumer delivers them.
  let sequence = cicHistory.length;
  const apply = (events: readonly BridgeEvent[], moreComing = false) =>
    projection.apply(
      events.map((event) => ({ event, sequence: ++sequence })),
      moreComing,
    );
  return { projection, publisher, apply };
}

it('publishes the desired document of a new user, as following from its CIC event', async () => {
  const { publisher, apply } = await started();
  const anna = userChanged('anna');
  await apply([anna]);

  expect(publisher.summary()).toEqual(['MappingUserDesired anna present']);
  expect(publisher.published[0]).toMatchObject({
    source: 'object-mapping',
    correlationId: anna.correlationId,
    causationId: anna.id,
    data: { document: { externalId: 'anna', userName: 'anna@example.com' } },
  });
});

it('publishes the documents of a batch of changes each in the trace of its own change', async () => {
  const { projection, publisher } = await started();
  const traceOf = (n: number) => ({ traceparent: `00-${String(n).padStart(32, '0')}-${'1'.repeat(16)}-01` });
  await projection.apply([
    { event: userChanged('anna'), sequence: 1, trace: traceOf(1) },
    { event: userChanged('bob'), sequence: 2, trace: traceOf(2) },
  ]);

  expect(publisher.summary()).toEqual(['MappingUserDesired anna present', 'MappingUserDesired bob present']);
  expect(publisher.traces).toEqual([traceOf(1), traceOf(2)]);
});

it('publishes nothing for a redelivered event, nor for an event that changes no document', async () => {
  const { projection, publisher, apply } = await started();
  const anna = userChanged('anna');
  await projection.apply([{ event: anna, sequence: 1 }]);
  await projection.apply([{ event: anna, sequence: 1 }]);
  await apply([userChanged('anna')]);

  expect(publisher.summary()).toEqual(['MappingUserDesired anna present']);
});

it('publishes a user removed from CIC as absent', async () => {
  const { publisher, apply } = await started();
  await apply([userChanged('anna')]);
  await apply([cic(CicUserRemoved, { id: 'anna' })]);

  expect(publisher.summary()).toEqual(['MappingUserDesired anna present', 'MappingUserDesired anna absent']);
  expect(publisher.published[1]?.data).toEqual({ key: 'anna', state: 'absent', reason: 'removedFromCic' });
});

describe('at start', () => {
  const history = [userChanged('anna'), userChanged('bob')];

  async function publishedBefore(): Promise<Envelope[]> {
    const { publisher, apply } = await started();
    await apply(history);
    return publisher.published;
  }

  it('republishes nothing that MAPPING already holds, and publishes what changed while it was down', async () => {
    const mapping = await publishedBefore();
    const { publisher } = await started({
      cic: [...history, cic(CicUserRemoved, { id: 'bob' }), userChanged('carl')],
      mapping,
    });

    expect(publisher.summary().sort()).toEqual([
      'MappingUserDesired bob absent',
      'MappingUserDesired carl present',
    ]);
  });

  it('republishes every document, changed or not, when told to rebuild (MAPPING_REBUILD)', async () => {
    const mapping = await publishedBefore();
    const { publisher } = await started({ cic: history, mapping, rebuild: true });

    expect(publisher.summary().sort()).toEqual([
      'MappingUserDesired anna present',
      'MappingUserDesired bob present',
    ]);
  });
});

describe('queues', () => {
  it('holds a queue back while more CIC events are waiting, and publishes it once with the batch after', async () => {
    const { publisher, apply } = await started();
    await apply([cic(CicWorkgroupChanged, { workgroup: sales(['ann']) }), userChanged('ann')], true);
    expect(publisher.summary()).toEqual(['MappingUserDesired ann present']);

    await apply([userChanged('bob'), cic(CicWorkgroupChanged, { workgroup: sales(['ann', 'bob']) })]);
    expect(publisher.summary().sort()).toEqual([
      'MappingQueueDesired Sales present',
      'MappingUserDesired ann present',
      'MappingUserDesired bob present',
    ]);
    const queue = publisher.published.find((envelope) => envelope.type === 'MappingQueueDesired');
    expect(queue?.data).toMatchObject({ document: { memberKeys: ['ann', 'bob'] } });
  });

  it('publishes a queue again when it changed while its previous document was being published', async () => {
    /** Holds the publishes of queue documents until `release`, as a slow broker would. */
    class HeldQueuePublisher extends RecordingPublisher {
      heldCount = 0;
      release: () => void = () => undefined;
      private readonly held = new Promise<void>((resolve) => (this.release = resolve));

      override async publish(envelope: Envelope): Promise<void> {
        if (envelope.type === 'MappingQueueDesired') {
          this.heldCount++;
          await this.held;
        }
        await super.publish(envelope);
      }
    }
    const publisher = new HeldQueuePublisher();
    const { apply } = await started({}, publisher);

    const first = apply([userChanged('ann'), cic(CicWorkgroupChanged, { workgroup: sales(['ann']) })]);
    while (publisher.heldCount === 0) await new Promise((resolve) => setImmediate(resolve));
    // While Sales (ann) is in flight, bob joins it: the held queues' release runs beside the consumer this way.
    const second = apply([
      userChanged('bob'),
      cic(CicWorkgroupChanged, { workgroup: sales(['ann', 'bob']) }),
    ]);
    publisher.release();
    await Promise.all([first, second]);

    expect(publisher.published.at(-1)).toMatchObject({
      type: 'MappingQueueDesired',
      data: { document: { memberKeys: ['ann', 'bob'] } },
    });
  });
});

describe('presence', () => {
  const messageChanged = (id: string, flags: Partial<CicStatusMessage> = {}) =>
    cic(CicStatusMessageChanged, { statusMessage: aStatusMessage(id, flags) });
  const statusChanged = (userId: string, statusId: string, more: Partial<CicUserStatus> = {}) =>
    cic(CicUserStatusChanged, {
      userStatus: {
        userId,
        statusId,
        loggedIn: true,
        onPhone: false,
        changedAt: '2026-12-01T09:00:00Z',
        ...more,
      },
    });
  const presences = (publisher: RecordingPublisher) =>
    publisher.published.filter((envelope) => envelope.type === 'MappingPresenceDesired').map((e) => e.data);

  it("publishes a synced user's presence with the CIC stream sequence, and a secondary status per status message", async () => {
    const { publisher, apply } = await started();
    await apply([userChanged('anna'), messageChanged('At Lunch'), statusChanged('anna', 'at lunch')]);

    // One batch: its documents go out together, in no particular order (their subjects differ).
    expect(publisher.summary().sort()).toEqual([
      'MappingPresenceDesired anna present',
      'MappingSecondaryStatusDesired At Lunch present',
      'MappingUserDesired anna present',
    ]);
    expect(presences(publisher)).toEqual([
      {
        key: 'anna',
        state: 'present',
        document: {
          statusId: 'at lunch',
          systemPresence: 'Meal',
          secondaryStatusKey: 'At Lunch',
          routingStatus: 'OFF_QUEUE',
          outOfOffice: { active: false },
          changedAt: '2026-12-01T09:00:00Z',
          sequence: 3,
        },
      },
    ]);
  });

  it("publishes a batch's configuration documents before its presences, whatever their order in the batch", async () => {
    const { publisher, apply } = await started();
    await apply([userChanged('anna'), userChanged('bob')]);
    publisher.published.length = 0;
    await apply([statusChanged('anna', 'Available'), statusChanged('bob', 'Available'), userChanged('carl')]);

    expect(publisher.summary()).toEqual([
      'MappingUserDesired carl present',
      'MappingPresenceDesired anna present',
      'MappingPresenceDesired bob present',
    ]);
  });

  it('publishes a user not synced as without presence, and its current presence once it is synced', async () => {
    const { publisher, apply } = await started();
    const noEmail = cic(CicUserChanged, { user: { id: 'anna', phones: {}, skills: [] } });
    await apply([noEmail, statusChanged('anna', 'Available')]);
    await apply([userChanged('anna')]);

    expect(presences(publisher)).toMatchObject([
      { key: 'anna', state: 'absent', reason: 'noBusinessEmail' },
      { key: 'anna', state: 'present', document: { statusId: 'Available', sequence: 2 } },
    ]);
  });

  it('re-maps the users in a status when its message changes, and retracts a removed one', async () => {
    const { publisher, apply } = await started();
    await apply([
      userChanged('anna'),
      userChanged('bob'),
      statusChanged('anna', 'Ready'),
      statusChanged('bob', 'READY'),
    ]);
    publisher.published.length = 0;
    await apply([messageChanged('Ready', { isAcdStatus: true })]);
    await apply([cic(CicStatusMessageRemoved, { id: 'Ready' })]);

    expect(publisher.summary()).toEqual([
      'MappingPresenceDesired anna present',
      'MappingPresenceDesired bob present',
      'MappingPresenceDesired anna present',
      'MappingPresenceDesired bob present',
    ]);
    // Sequences rise with the events that changed the presences (5, 6), so delivery takes each as news.
    expect(presences(publisher)).toMatchObject([
      { document: { systemPresence: 'OnQueue', routingStatus: 'IDLE', sequence: 5 } },
      { document: { systemPresence: 'OnQueue', sequence: 5 } },
      { document: { systemPresence: 'Busy', sequence: 6 } },
      { document: { systemPresence: 'Busy', sequence: 6 } },
    ]);
  });

  it('republishes a presence the new settings change at start, with a sequence above the last one', async () => {
    const history = [userChanged('anna'), statusChanged('anna', 'Available')];
    const before = await started();
    await before.apply(history);
    const { publisher } = await started({
      cic: history,
      mapping: before.publisher.published,
      env: { MAPPING_PRESENCE_MODE: 'statusOnly' },
    });

    expect(presences(publisher)).toHaveLength(1);
    expect(presences(publisher)[0]).not.toHaveProperty('document.routingStatus');
    expect(presences(publisher)[0]).toMatchObject({ document: { sequence: 3 } });
  });

  it('sends the status alone in status-only mode', async () => {
    const { publisher, apply } = await started({ env: { MAPPING_PRESENCE_MODE: 'statusOnly' } });
    await apply([userChanged('anna'), statusChanged('anna', 'Available')]);

    expect(presences(publisher)[0]).not.toHaveProperty('document.routingStatus');
  });

  it('publishes platform objects and presence absent when Sync Advanced Platform Objects is off', async () => {
    const { publisher, apply } = await started({ env: { MAPPING_SYNC_PLATFORM_OBJECTS: 'false' } });
    await apply([userChanged('anna'), messageChanged('At Lunch'), statusChanged('anna', 'At Lunch')]);
    await apply([cic(CicWorkgroupChanged, { workgroup: sales(['anna']) })]);

    expect(publisher.summary().sort()).toEqual([
      'MappingPresenceDesired anna absent',
      'MappingQueueDesired Sales absent',
      'MappingSecondaryStatusDesired At Lunch absent',
      'MappingUserDesired anna present',
    ]);
    for (const envelope of publisher.published.filter(({ type }) => type !== 'MappingUserDesired'))
      expect(envelope.data).toMatchObject({ reason: 'syncOptionOff' });
  });

  it('republishes no presence MAPPING already holds at start', async () => {
    const history = [userChanged('anna'), messageChanged('At Lunch'), statusChanged('anna', 'At Lunch')];
    const before = await started();
    await before.apply(history);
    const { publisher } = await started({ cic: history, mapping: before.publisher.published });

    expect(publisher.summary()).toEqual([]);
  });
});

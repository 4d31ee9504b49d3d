// One service's rebuild by replay of the event store, run compiled (dist/) in its own process by
// replay.bench.ts: `mapping` is object-mapping's (the CIC projection, every desired document, and each
// interaction's newest desired conversation), `intervals` is historical-upload's interval projection. Prints one
// `REPLAY {json}` line: the events read, what was rebuilt, the time and the process's peak RSS.
import {
  cicInteractionEvents,
  decodeEvent,
  InvalidMessageError,
  type BridgeEvent,
  type CicInteraction,
  type Envelope,
} from '@bridge/contracts';
import { PostgresEventStore, readLog, storedEventToEnvelope, type StoredEvent } from '@bridge/event-store';
import { stableUuid } from '@bridge/messaging';
import { openDatabase } from '@bridge/postgres';
import { conversationDesired } from '../../apps/object-mapping/src/consumers/interaction-events.consumer';
import {
  mappingRulesOf,
  presenceRulesOf,
  readObjectMappingConfig,
} from '../../apps/object-mapping/src/config';
import {
  MappingProjection,
  type StreamReader,
} from '../../apps/object-mapping/src/projection/mapping-projection';
import { IntervalProjectionStore } from '../../apps/historical-upload/src/persistence/interval-projection-store';
import { IntervalProjection } from '../../apps/historical-upload/src/projection/interval-projection';

const arg = (name: string) => {
  const at = process.argv.indexOf(`--${name}`);
  const value = at > 0 ? process.argv[at + 1] : undefined;
  if (value === undefined) throw new Error(`--${name} is required`);
  return value;
};
const url = arg('url');
const schema = arg('schema');
const batchSize = Number(arg('batch'));
const lane = arg('lane');

const interactionTypes = new Set<string>(cicInteractionEvents.map((definition) => definition.type));

/** Where a replay's documents would go: serialised as the publisher would, counted, not sent. */
class DocumentSink {
  documents = 0;
  bytes = 0;
  publish(envelope: Envelope): Promise<void> {
    this.documents++;
    this.bytes += JSON.stringify(envelope).length;
    return Promise.resolve();
  }
}

function decoded(stored: StoredEvent): BridgeEvent | undefined {
  try {
    return decodeEvent(storedEventToEnvelope(stored));
  } catch (error) {
    if (error instanceof InvalidMessageError) return undefined;
    throw error;
  }
}

/**
 * object-mapping's rebuild: its projection reads the event store as its CIC stream (the position as the
 * sequence) and has nothing published before it (a new target); the interaction lane keeps each open
 * interaction's newest state and hands on the desired conversation of each once it ended, and of those still
 * open at the end.
 */
async function replayMapping(store: PostgresEventStore) {
  const config = readObjectMappingConfig(process.env);
  const sink = new DocumentSink();
  const open = new Map<string, CicInteraction>();
  let conversations = 0;
  const conversation = (interaction: CicInteraction) => {
    conversations++;
    return sink.publish(
      conversationDesired(interaction, {
        id: stableUuid(`replay:${interaction.interactionId}`, 4),
        correlationId: interaction.interactionId,
      }),
    );
  };
  let events = 0;
  const readStream: StreamReader = async (options, onEvent) => {
    if (options.stream === 'MAPPING') return 0;
    let last = 0;
    for await (const batch of readLog(store, { batchSize })) {
      for (const stored of batch) {
        const event = decoded(stored);
        if (!event) continue;
        events++;
        if (interactionTypes.has(event.type)) {
          const { interaction } = event.data as { interaction: CicInteraction };
          if (interaction.state !== 'ended') open.set(interaction.interactionId, interaction);
          else {
            open.delete(interaction.interactionId);
            await conversation(interaction);
          }
        } else onEvent(event, stored.position);
      }
      last = batch.at(-1)?.position ?? last;
    }
    return last;
  };
  const projection = new MappingProjection({
    rules: mappingRulesOf(config),
    presence: presenceRulesOf(config),
    rebuild: false,
    readStream,
    publisher: sink,
  });
  await projection.start();
  for (const interaction of open.values()) await conversation(interaction);
  return { events, documents: sink.documents - conversations, conversations, bytes: sink.bytes };
}

/** historical-upload's rebuild: the projection emptied, then every batch of the log applied, as its relay does. */
async function replayIntervals(store: PostgresEventStore, projectionStore: IntervalProjectionStore) {
  await projectionStore.reset();
  const projection = new IntervalProjection(projectionStore, {
    warn: (fields, message) => console.warn(message, fields),
  });
  let events = 0;
  let rowsChanged = 0;
  for await (const batch of readLog(store, { batchSize })) {
    events += batch.length;
    rowsChanged += (await projection.apply(batch)).rowsChanged;
  }
  return { events, rowsChanged };
}

async function main(): Promise<void> {
  const db = await openDatabase({ url, schema, poolSize: 2 }, []);
  try {
    const store = new PostgresEventStore(db, schema);
    const started = process.hrtime.bigint();
    const result =
      lane === 'mapping'
        ? await replayMapping(store)
        : await replayIntervals(store, new IntervalProjectionStore(db, schema));
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const peakRssMiB = Math.round(process.resourceUsage().maxRSS / 1024);
    console.log(`REPLAY ${JSON.stringify({ lane, seconds, peakRssMiB, ...result })}`);
  } finally {
    await db.destroy();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);

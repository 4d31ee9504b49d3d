// One service's rebuild by replay of the event store, run compiled (dist/) in its own process by
// replay.bench.ts: `mapping` is object-mapping's (the CIC projection, every desired document, and each
// interaction's newest desired conversation), `intervals` is historical-upload's interval projection. Prints one
// `REPLAY {json}` line: the events read, what was rebuilt, the time and the process's peak RSS.
import {
  CIC_INTERACTION_STREAM_PREFIX,
  cicInteractionEvents,
  decodeEvent,
  InvalidMessageError,
  type BridgeEvent,
  type CicInteraction,
  type Envelope,
  canonicalJson,
  cicUserStatusStreamId,
} from '@bridge/contracts';
import { createHash } from 'node:crypto';
import {
  PostgresEventStore,
  readNewestOf,
  storedEventToEnvelope,
  type StoredEvent,
} from '@bridge/event-store';
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
/** `--every-event`: read every event of every stream, to check that leaving superseded ones out changes nothing. */
const newestOnly = !process.argv.includes('--every-event');
/** `--digest`: a digest of the documents' content, to compare two replays; timed runs leave its cost out. */
const digested = process.argv.includes('--digest');

/**
 * The streams whose newest event is all object-mapping's projection keeps of them: a user's status (the
 * presence state holds each user's last one, with its position) and an interaction (the lane maps its newest
 * state). Configuration streams are read whole: which user keeps a shared email depends on when each claimed it.
 */
const newestOnlyOf = [cicUserStatusStreamId(''), CIC_INTERACTION_STREAM_PREFIX];

const interactionTypes = new Set<string>(cicInteractionEvents.map((definition) => definition.type));

/** Where a replay's documents would go: serialised as the publisher would, counted, not sent. */
class DocumentSink {
  documents = 0;
  bytes = 0;
  /** The documents' content, in any order (their ids and times differ per run): equal replays, equal digests. */
  private digestBits = 0n;
  publish(envelope: Envelope): Promise<void> {
    this.documents++;
    this.bytes += JSON.stringify(envelope).length;
    if (!digested) return Promise.resolve();
    const content = `${envelope.type}:${canonicalJson(envelope.data)}`;
    this.digestBits ^= BigInt(`0x${createHash('sha256').update(content).digest('hex').slice(0, 16)}`);
    return Promise.resolve();
  }
  get digest(): string | undefined {
    return digested ? this.digestBits.toString(16) : undefined;
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

/** The state an interaction event says its interaction is in, read before any schema check. */
const stateOf = (stored: StoredEvent) =>
  (stored.data as { interaction?: { state?: unknown } } | null)?.interaction?.state;

/**
 * object-mapping's rebuild: its projection reads the event store as its CIC stream (the position as the
 * sequence; superseded status and interaction events left out, see newestOnlyOf) and has nothing published
 * before it (a new target). The interaction lane keeps each open
 * interaction's newest event, as stored, and maps it once the interaction ended or the log did: every event
 * carries the whole interaction and MAPPING keeps the newest document per interaction, so the events before it
 * are neither decoded nor mapped. One whose newest event fails its schema gets no document (counted).
 */
async function replayMapping(store: PostgresEventStore) {
  const config = readObjectMappingConfig(process.env);
  const sink = new DocumentSink();
  const open = new Map<string, StoredEvent>();
  let conversations = 0;
  let invalid = 0;
  const conversation = (stored: StoredEvent) => {
    const event = decoded(stored);
    if (!event || !interactionTypes.has(event.type)) return invalid++;
    const { interaction } = event.data as { interaction: CicInteraction };
    conversations++;
    return sink.publish(
      conversationDesired(interaction, {
        id: stableUuid(`replay:${interaction.interactionId}`, 4),
        correlationId: interaction.interactionId,
      }),
    );
  };
  let rows = 0;
  let events = 0;
  const readStream: StreamReader = async (options, onEvent) => {
    if (options.stream === 'MAPPING') return 0;
    for await (const batch of readNewestOf(store, {
      batchSize,
      newestOnlyOf: newestOnly ? newestOnlyOf : [],
    })) {
      for (const stored of batch.events) {
        rows++;
        if (stored.streamId.startsWith(CIC_INTERACTION_STREAM_PREFIX)) {
          if (stateOf(stored) !== 'ended') open.set(stored.streamId, stored);
          else {
            open.delete(stored.streamId);
            await conversation(stored);
          }
          continue;
        }
        const event = decoded(stored);
        if (event) onEvent(event, stored.position);
        else invalid++;
      }
      events = batch.upTo;
    }
    return events;
  };
  const projection = new MappingProjection({
    rules: mappingRulesOf(config),
    presence: presenceRulesOf(config),
    rebuild: false,
    readStream,
    publisher: sink,
  });
  await projection.start();
  for (const stored of open.values()) await conversation(stored);
  return {
    events,
    rows,
    invalid,
    documents: sink.documents - conversations,
    conversations,
    bytes: sink.bytes,
    digest: sink.digest,
  };
}

/**
 * historical-upload's rebuild: the projection emptied, then every batch of the log applied as its relay reads them
 * (`intervalsRelay`: each batch's newest event of each interaction and its bounds, the next batch read while one
 * is applied). The events counted are the log's, up to the last batch's end.
 */
async function replayIntervals(store: PostgresEventStore, projectionStore: IntervalProjectionStore) {
  await projectionStore.reset();
  const projection = new IntervalProjection(projectionStore, {
    warn: (fields, message) => console.warn(message, fields),
  });
  const read = (after: number) => store.readNewestInBatch(after, batchSize, CIC_INTERACTION_STREAM_PREFIX);
  let rowsChanged = 0;
  let position = 0;
  let next = read(position);
  for (;;) {
    const batch = await next;
    const last = batch.at(-1);
    if (!last) break;
    next = read(last.position);
    rowsChanged += (await projection.apply(batch)).rowsChanged;
    position = last.position;
  }
  return { events: position, rowsChanged };
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
    const { maxRSS, userCPUTime, systemCPUTime } = process.resourceUsage();
    // CPU seconds beside the wall time: on a shared machine they say more about a change than the clock does.
    const cpuSeconds = (userCPUTime + systemCPUTime) / 1e6;
    console.log(
      `REPLAY ${JSON.stringify({ lane, seconds, cpuSeconds, peakRssMiB: Math.round(maxRSS / 1024), ...result })}`,
    );
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

/**
 * JetStream streams, one per producer (DESIGN §3). Subjects are `<producer>.<entity>.<event>`, plus an encoded
 * object key where the stream keeps only the latest message per object.
 */
export interface StreamDefinition {
  readonly name: StreamName;
  readonly subjects: readonly string[];
  /** 1 for desired-state streams: JetStream itself keeps only the newest document per object. */
  readonly maxMessagesPerSubject?: number;
  readonly description: string;
}

export type StreamName = 'CIC' | 'MAPPING' | 'DELIVERY' | 'DEADLETTER';

/** The producer token every subject of a stream starts with. */
const producerTokens = {
  CIC: 'cic',
  MAPPING: 'mapping',
  DELIVERY: 'delivery',
  DEADLETTER: 'deadletter',
} as const satisfies Record<StreamName, string>;

/**
 * The filter that takes every subject of one stream, e.g. `cic.>`. Consumers use it rather than spell a subject:
 * lint forbids subject literals outside the contracts, so a renamed producer token cannot leave a consumer behind.
 */
export function subjectFilterOf(stream: StreamName): string {
  return `${producerTokens[stream]}.>`;
}

export const streams: readonly StreamDefinition[] = [
  {
    name: 'CIC',
    subjects: [subjectFilterOf('CIC')],
    description: 'CIC domain events relayed in order from the event store (producer: cic-ingestion).',
  },
  {
    name: 'MAPPING',
    subjects: [subjectFilterOf('MAPPING')],
    maxMessagesPerSubject: 1,
    description: 'Latest desired Genesys Cloud document per target object (producer: object-mapping).',
  },
  {
    name: 'DELIVERY',
    subjects: [subjectFilterOf('DELIVERY')],
    maxMessagesPerSubject: 1,
    description: 'Latest delivery outcome per record (producer: genesys-delivery).',
  },
  {
    name: 'DEADLETTER',
    subjects: [subjectFilterOf('DEADLETTER')],
    description: 'Messages a consumer gave up on, with the reason (producer: messaging, for every consumer).',
  },
];

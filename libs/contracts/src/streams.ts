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

export const streams: readonly StreamDefinition[] = [
  {
    name: 'CIC',
    subjects: ['cic.>'],
    description: 'CIC domain events relayed in order from the event store (producer: cic-ingestion).',
  },
  {
    name: 'MAPPING',
    subjects: ['mapping.>'],
    maxMessagesPerSubject: 1,
    description: 'Latest desired Genesys Cloud document per target object (producer: object-mapping).',
  },
  {
    name: 'DELIVERY',
    subjects: ['delivery.>'],
    maxMessagesPerSubject: 1,
    description: 'Latest delivery outcome per record (producer: genesys-delivery).',
  },
  {
    name: 'DEADLETTER',
    subjects: ['deadletter.>'],
    description: 'Messages a consumer gave up on, with the reason (producer: messaging, for every consumer).',
  },
];

/**
 * The span attribute names an operator searches traces by (docs/architecture.md, "Traces"). OpenTelemetry's
 * semantic conventions where one exists (messaging); the bridge's own under `bridge.`, Genesys's id under
 * `genesys.`.
 */
export const traceAttributes = {
  messagingSystem: 'messaging.system',
  /** The subject with its namespace, as NATS saw it. */
  messagingDestination: 'messaging.destination.name',
  messagingConsumerGroup: 'messaging.consumer.group.name',
  messagingBatchCount: 'messaging.batch.message_count',
  /** The kind of CIC object an ICWS message changed (`user`, `workgroup` …), when it changed one kind. */
  cicKind: 'bridge.cic.kind',
  /** The CIC id of the object it changed, when it changed one. */
  cicId: 'bridge.cic.id',
  /** How many CIC objects the message changed. */
  cicCount: 'bridge.cic.count',
  /** The Genesys object kind delivery reconciled (`user`, `queue` …). */
  targetKind: 'bridge.target.kind',
  /** Its key: the CIC id of the object it maps from. */
  targetKey: 'bridge.target.key',
  /** How many objects one delivery (a presence round) took. */
  targetCount: 'bridge.target.count',
  /** The Genesys id of the object, once it has one. */
  genesysId: 'genesys.id',
  /** The historical upload job a step belongs to. */
  uploadJob: 'bridge.upload.job',
  /** How a reconcile ended: `done`, `wait` or `fail`. */
  outcome: 'bridge.outcome',
} as const;

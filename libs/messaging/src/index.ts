/**
 * JetStream for the bridge: connection, stream provisioning, the publisher (`Nats-Msg-Id` dedupe, trace
 * context in headers) and a Nest transport for durable pull consumers. See README.md.
 */
export {
  connectNats,
  ensureStreams,
  lastMessageId,
  untilAnswered,
  type NatsAuthFiles,
  type NatsConnection,
} from './connection';
export { Topology } from './topology';
export { EventPublisher } from './publisher';
export {
  consumerDefaults,
  JetStreamBatchConsumer,
  JetStreamConsumer,
  redeliveryDelayMs,
  type ConsumerDefinition,
  type ReceivedEvent,
} from './consumer-definition';
export {
  JetStreamBatchContext,
  JetStreamContext,
  JetStreamServer,
  type JetStreamServerOptions,
} from './jetstream-server';
export { contextFromCarrier, extractTraceContext, injectTraceContext } from './trace-headers';
export { stableUuid } from './stable-uuid';
export { MessagingModule, NATS_CONNECTION, natsHealthCheck, type MessagingOptions } from './messaging.module';
/** Operator commands over NATS request/reply: the services' server and the console's client (issue 15). */
export {
  OperatorCommandServer,
  refusal,
  sendOperatorCommand,
  sendOperatorCommandToEvery,
  type OperatorHandler,
} from './operator-commands';

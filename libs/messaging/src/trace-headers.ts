import { context, propagation, ROOT_CONTEXT, type Context } from '@opentelemetry/api';
import { headers as createHeaders, type MsgHdrs } from '@nats-io/nats-core';

/** Writes the W3C trace context of `from` (default: the active context) into NATS headers. */
export function injectTraceContext(target: MsgHdrs, from: Context = context.active()): void {
  propagation.inject(from, target, { set: (carrier, key, value) => carrier.set(key, value) });
}

/** The trace context a producer put in a message's headers, as the parent for the consumer's span. */
export function extractTraceContext(source: MsgHdrs | undefined): Context {
  if (!source) return ROOT_CONTEXT;
  return propagation.extract(ROOT_CONTEXT, source, {
    get: (carrier, key) => (carrier.has(key) ? carrier.get(key) : undefined),
    keys: (carrier) => carrier.keys(),
  });
}

/** A stored trace carrier (as the event store keeps it) as a context. */
export function contextFromCarrier(carrier: Readonly<Record<string, string>> | undefined): Context {
  return carrier ? propagation.extract(ROOT_CONTEXT, carrier) : context.active();
}

export { createHeaders };

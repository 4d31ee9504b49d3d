import { metricNames } from '@bridge/telemetry';
import { Counter, Gauge } from 'prom-client';

/** Bad input from CIC, skipped: one count per rejected message or item, by reason (cic-sync's RejectionReason). */
export const rejectedInput = new Counter({
  name: metricNames.cicInputRejected,
  help: 'ICWS messages or items skipped as malformed, by reason',
  labelNames: ['reason'] as const,
});

/** CIC events appended to the log, by event type. */
export const appendedEvents = new Counter({
  name: metricNames.cicEventsAppended,
  help: 'CIC events appended to the event log, by type',
  labelNames: ['type'] as const,
});

/** ICWS sessions opened (the first connect and every reconnect or switchover). */
export const sessionsOpened = new Counter({
  name: metricNames.cicSessions,
  help: 'ICWS sessions opened',
});

/** Sessions opened on another server of the switchover pair than the session before. */
export const switchovers = new Counter({
  name: metricNames.cicSwitchovers,
  help: 'ICWS sessions opened on a different CIC server than the previous session (a switchover)',
});

export const connected = new Gauge({
  name: metricNames.cicConnected,
  help: '1 while an ICWS session with CIC is up, 0 while connecting or down',
});

import { Counter } from 'prom-client';

/** Bad input from CIC, skipped: one count per rejected message or item, by reason (cic-sync's RejectionReason). */
export const rejectedInput = new Counter({
  name: 'cic_ingestion_rejected_total',
  help: 'ICWS messages or items skipped as malformed, by reason',
  labelNames: ['reason'] as const,
});

/** CIC events appended to the log, by event type. */
export const appendedEvents = new Counter({
  name: 'cic_ingestion_events_total',
  help: 'CIC events appended to the event log, by type',
  labelNames: ['type'] as const,
});

/** ICWS sessions opened (the first connect and every reconnect or switchover). */
export const sessionsOpened = new Counter({
  name: 'cic_ingestion_sessions_total',
  help: 'ICWS sessions opened',
});

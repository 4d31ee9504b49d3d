/**
 * Every metric the bridge exports, named in one scheme: `bridge_<subsystem>_<what>`, in base units (`_seconds`,
 * `_bytes`), counters ending in `_total` (Prometheus's conventions). The alert rules and the dashboard in
 * deploy/monitoring use these names; docs/operations.md says what each means.
 */
export const metricNames = {
  messagesConsumed: 'bridge_messages_consumed_total',
  messagesRedelivered: 'bridge_messages_redelivered_total',
  consumerBacklog: 'bridge_consumer_backlog_messages',
  consumerLag: 'bridge_consumer_lag_seconds',
  eventStoreEvents: 'bridge_event_store_events',
  eventStoreSize: 'bridge_event_store_size_bytes',
  outboxLagEvents: 'bridge_outbox_lag_events',
  outboxLag: 'bridge_outbox_lag_seconds',
  cicConnected: 'bridge_cic_connected',
  cicSessions: 'bridge_cic_sessions_total',
  cicSwitchovers: 'bridge_cic_switchovers_total',
  cicEventsAppended: 'bridge_cic_events_appended_total',
  cicInputRejected: 'bridge_cic_input_rejected_total',
  genesysRequests: 'bridge_genesys_requests_total',
  genesysRetryAfter: 'bridge_genesys_retry_after_seconds_total',
  genesysLogins: 'bridge_genesys_logins_total',
  rateBudgetTokensTaken: 'bridge_rate_budget_tokens_taken_total',
  rateBudgetLimit: 'bridge_rate_budget_limit_per_minute',
  records: 'bridge_records',
  deliveryBacklog: 'bridge_delivery_backlog_records',
  presenceBacklog: 'bridge_presence_backlog_users',
  replicationBacklog: 'bridge_replication_backlog_conversations',
  recordsQuarantined: 'bridge_records_quarantined',
  deletionsPaused: 'bridge_deletions_paused',
  driftFound: 'bridge_drift_found_total',
} as const;

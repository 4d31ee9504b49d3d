/**
 * The console's read model as pure code: each record's newest mapping decision and delivery outcome, its status,
 * counts by kind and status, search, a record's history timeline, the activity log's lines and filter, and the inbox
 * notifications lane as the Health page shows it.
 */
export {
  recordStatuses,
  statusOf,
  withDecision,
  withOutcome,
  withQuarantine,
  type DesiredDecision,
  type RecordOutcome,
  type RecordStatus,
  type RecordView,
} from './record-view';
export { RecordProjection, type RecordPage, type RecordQuery, type StatusCounts } from './record-projection';
export {
  ACTIVITY_PAGE_LIMIT,
  activityFilterOf,
  activityOfOutcome,
  type ActivityEntry,
  type ActivityFilter,
  type ActivitySource,
} from './activity';
export { attemptOf, summaryOf, timelineOf, type TimelineEntry, type TimelineSource } from './timeline';
export {
  InboxReceipts,
  inboxLaneOf,
  type InboxLaneFacts,
  type InboxLaneState,
  type InboxLaneView,
} from './inbox-lane';

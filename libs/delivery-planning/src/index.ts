/**
 * genesys-delivery's decisions as pure functions: plans per object, dependency order, the shared rate budget,
 * the retry policy and the deletion guard. No I/O; see README.md.
 */
export type {
  ActualNamedObject,
  ActualQueue,
  ActualSecondaryStatus,
  ActualUser,
  PhoneNumber,
  RoutingAssignment,
  UserFields,
} from './genesys-state';
export {
  BULK_LIMIT,
  chunk,
  isDeletion,
  type NamedObjectOperation,
  type Operation,
  type QueueOperation,
  type SecondaryStatusOperation,
  type UserChanges,
  type UserOperation,
  type UserRemoval,
} from './operations';
/** Plans a user: create, one PATCH of what differs, or deactivate (or delete, as configured). */
export {
  applyUserOperation,
  planUserSync,
  userFieldsOf,
  type ManagedNames,
  type NameLookup,
} from './plan-user-sync';
/** Plans a queue with its members and wrap-up codes (bulk calls of at most 100). */
export { applyQueueOperation, planQueueSync, type ManagedIds, type ResolvedQueue } from './plan-queue-sync';
/** Plans a secondary status: create, update, or deactivate once its CIC status message is gone. */
export { planSecondaryStatusSync } from './plan-secondary-status-sync';
/** Plans a skill, language or wrap-up code. */
export { planNamedObjectSync, type NamedObjectKind } from './plan-named-object-sync';
/** The shared token bucket with `Retry-After` blocks. */
export {
  blockBucket,
  fullBucket,
  nextBucket,
  type BucketDecision,
  type RateBucket,
  type RateBudgetSettings,
} from './rate-budget';
/** Retry with jitter, or quarantine. */
export {
  defaultRetrySettings,
  retryPolicy,
  type DeliveryFailure,
  type FailureKind,
  type RetryDecision,
  type RetrySettings,
} from './retry-policy';
/** Pause mass deletions until confirmed. */
export {
  defaultDeletionGuardSettings,
  deletionGuard,
  type DeletionDecision,
  type DeletionGuardInput,
  type DeletionGuardSettings,
} from './deletion-guard';
/** Which kinds drain first and what a document depends on. */
export { dependenciesOf, kindPriority, type Dependency } from './dependency-order';
/** One reconcile as a decider: `decide` the next call from the situation, `evolve` it with the call's outcome. */
export type {
  DeliveryObject,
  DesiredObject,
  DesiredState,
  IdMapEntry,
  NamedEntry,
  NamedObject,
  QueueEntry,
  QueueObject,
  RecordStatus,
  References,
  SecondaryStatusEntry,
  SecondaryStatusObject,
  UserEntry,
  UserObject,
} from './decider/delivery-object';
export type {
  DecidedStatus,
  DeletionFacts,
  GenesysCall,
  OperationCall,
  Outcome,
  Step,
  StoreCall,
  TerminalStep,
} from './decider/steps';
export { needsManagedNames, situationOf, type DeliverySettings, type Situation } from './decider/situation';
export { decide, DEPENDENCY_WAIT_MS, PAUSE_POLL_MS } from './decider/decide';
export { evolve } from './decider/evolve';
/** The presence lane: what one user's latest presence sends, its event ids, and its share of the rate budget. */
export {
  deliveredAfter,
  partsOf,
  planPresence,
  unconfirmedAll,
  type DeliveredPresence,
  type OutOfOfficeChange,
  type PresenceContext,
  type PresencePlan,
  type Resolved,
  resolvedIn,
} from './presence/plan-presence';
export {
  presenceEventId,
  routingStatusEventValues,
  type BatchEventError,
  type PresenceEndpoint,
  type RoutingStatusEventValue,
  type StableUuid,
  type UserPresenceEvent,
  type UserRoutingStatusEvent,
} from './presence/presence-events';
export { laneBudget } from './presence/presence-share';
export {
  choosePresenceRound,
  type PendingParts,
  type PresencePart,
  type PresenceRound,
} from './presence/presence-round';
/** The drift audit: what counts as drift per kind (only what the bridge sets, Genesys's spellings aside), its pace and its share of the rate budget, and when drift is reported instead of repaired. */
export {
  goneDrift,
  namedDrift,
  normalisedPhone,
  queueDrift,
  secondaryStatusDrift,
  userDrift,
  type Drift,
  type Finding,
} from './drift/drift';
export {
  auditBudget,
  keepsDriftingStatus,
  nextAuditCallAtMs,
  passFit,
  repairOrReport,
  type PassFit,
  type PassProgress,
} from './drift/audit-rules';
/** Operator commands (issue 15): a dry run of the decider, the deletion preview, a reprovision's progress. */
export { dryRunOf, nameOf, type DryRunFacts } from './operator/dry-run';
export { deletionPreviewOf, type PausedKind } from './operator/deletion-preview';
export { reprovisionProgressOf, type KindCounts, type ReprovisionRun } from './operator/reprovision-progress';
/** Interaction replication (issue 13): which conversation events to send, as the events API takes them. */
export {
  planConversation,
  type ConversationContext,
  type ConversationEventCall,
  type ConversationPlan,
  type ResolveReference,
} from './replication/plan-conversation';
export { packCalls, type ConversationEvents } from './replication/pack-calls';
/**
 * Inbox notifications (issue 19): which users' WFM topics each notification channel holds, what a topic says, the
 * key shared by a live and a rebuilt notification, and what a catch-up after a gap reads and rebuilds.
 */
export {
  genesysChannelLimits,
  planInboxChannels,
  type InboxChannelAssignment,
  type InboxChannelLimits,
  type InboxChannelPlan,
} from './inbox/plan-inbox-channels';
export {
  inboxNotificationIdOf,
  readWfmNotification,
  userIdOfWfmTopic,
  wfmTopicOf,
  type WfmNotificationReading,
} from './inbox/wfm-notification';
export {
  catchUpReadsOf,
  inboxRequestKeyOf,
  missedInboxNotifications,
  observedShiftTrade,
  shiftTradeWeeksOf,
  type CatchUpReads,
  type ObservedRequest,
  type PassedOnStatus,
  type ShiftTradeRead,
} from './inbox/inbox-catch-up';

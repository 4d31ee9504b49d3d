import {
  defaultRetrySettings,
  genesysChannelLimits,
  laneBudget,
  type DeliverySettings,
  type RateBudgetSettings,
} from '@bridge/delivery-planning';
import { orgRateBudget } from '@bridge/genesys-client';
import type { DriftAuditOptions } from './audit/drift-audit';
import type { AuditLoopOptions } from './audit/audit-loop';
import type { DeliveryConfig } from './config';
import type { InboxLaneOptions } from './inbox/inbox-lane';
import type { PresenceLaneOptions } from './presence/presence-lane';
import type { ReplicationLaneOptions } from './replication/replication-lane';
import type { WorkerOptions } from './reconciler/delivery-workers';

/** What the configuration says of each part of the service, in the terms of that part. */

/**
 * The presence lane's own pace: its share of the org's rate, whatever the other lanes do (ADR 0007). Its burst is
 * one round of every part (two events calls and an out of office), so a lone change after a quiet spell goes at
 * once, while a storm is paced from its first second.
 */
export function presencePace(config: DeliveryConfig): RateBudgetSettings {
  const share = laneBudget(orgRateBudget(config), config.DELIVERY_PRESENCE_SHARE, true);
  return { ...share, burst: Math.min(share.burst, PRESENCE_ROUND_CALLS) };
}

const PRESENCE_ROUND_CALLS = 3;

export function presenceLaneOptions(config: DeliveryConfig): PresenceLaneOptions {
  return {
    batch: config.DELIVERY_PRESENCE_BATCH,
    pollMs: config.DELIVERY_POLL_MS,
    leaseMs: config.DELIVERY_LEASE_MS,
    sourceName: config.DELIVERY_PRESENCE_SOURCE_NAME,
    retry: workerOptions(config).retry,
    waitRecheckMs: 5_000,
  };
}

export function replicationLaneOptions(config: DeliveryConfig): ReplicationLaneOptions {
  return {
    batch: config.DELIVERY_REPLICATION_BATCH,
    pollMs: config.DELIVERY_POLL_MS,
    leaseMs: config.DELIVERY_LEASE_MS,
    sourceName: config.DELIVERY_PRESENCE_SOURCE_NAME,
    retry: workerOptions(config).retry,
    waitMs: config.DELIVERY_REPLICATION_WAIT_MS,
    waitRecheckMs: Math.min(5_000, config.DELIVERY_REPLICATION_WAIT_MS),
  };
}

export function deliverySettings(config: DeliveryConfig): DeliverySettings {
  return {
    guard: { maxShare: config.DELIVERY_DELETION_MAX_SHARE, minCount: config.DELIVERY_DELETION_MIN_COUNT },
    userRemoval: config.DELIVERY_USER_REMOVAL,
  };
}

export function workerOptions(config: DeliveryConfig): WorkerOptions {
  return {
    workers: config.DELIVERY_WORKERS,
    batch: config.DELIVERY_CLAIM_BATCH,
    pollMs: config.DELIVERY_POLL_MS,
    leaseMs: config.DELIVERY_LEASE_MS,
    retry: {
      ...defaultRetrySettings,
      maxAttempts: config.DELIVERY_MAX_ATTEMPTS,
      baseDelayMs: config.DELIVERY_RETRY_BASE_MS,
      maxDelayMs: config.DELIVERY_RETRY_MAX_MS,
    },
  };
}

export function driftAuditOptions(config: DeliveryConfig): DriftAuditOptions & AuditLoopOptions {
  const intervalMs = config.DELIVERY_AUDIT_INTERVAL_S * 1000;
  return {
    intervalMs,
    org: orgRateBudget(config),
    share: config.DELIVERY_AUDIT_SHARE,
    maxRepairsPerDay: config.DELIVERY_AUDIT_MAX_REPAIRS_PER_DAY,
    // Renewed every third of it while a pass runs; a crashed instance's audit is taken over within it.
    leaseMs: 30_000,
  };
}

/**
 * The inbox lane's timing (ADR 0013): it checks it holds the channels and follows the synced users every second, and takes a
 * socket for dead after two and a half heartbeat periods without a frame. While its sockets all listen it records so
 * every 5 s (a new holder catches up from there); a failed catch-up is tried again after 30 s, not every second, as
 * its reads take the org's budget.
 */
export function inboxLaneOptions(): InboxLaneOptions {
  return {
    limits: genesysChannelLimits,
    pollMs: 1000,
    silenceMs: 75_000,
    watermarkEveryMs: 5_000,
    catchUpRetryMs: 30_000,
  };
}

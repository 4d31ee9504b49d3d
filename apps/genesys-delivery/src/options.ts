import { defaultRetrySettings, type DeliverySettings } from '@bridge/delivery-planning';
import type { DeliveryConfig } from './config';
import type { PresenceLaneOptions } from './presence/presence-lane';
import type { ReplicationLaneOptions } from './replication/replication-lane';
import type { WorkerOptions } from './reconciler/delivery-workers';

/** What the configuration says of each part of the service, in the terms of that part. */

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

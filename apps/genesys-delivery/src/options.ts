import {
  defaultRetrySettings,
  type DeliverySettings,
  type RateBudgetSettings,
} from '@bridge/delivery-planning';
import {
  PostgresRateGate,
  regionTarget,
  targetOf,
  type GenesysClientOptions,
  type RequestGate,
} from '@bridge/genesys-client';
import type { DataSource } from 'typeorm';
import type { DeliveryConfig } from './config';
import type { PresenceLaneOptions } from './presence/presence-lane';
import type { WorkerOptions } from './reconciler/delivery-workers';

/** What the configuration says of each part of the service, in the terms of that part. */

/** The org's rate budget: one for the whole org, whichever lane spends it. */
export function rateBudget(config: DeliveryConfig): RateBudgetSettings {
  return {
    perMinute: config.GC_RATE_LIMIT_PER_MINUTE,
    burst: config.GC_RATE_BURST ?? Math.max(1, config.GC_RATE_LIMIT_PER_MINUTE),
  };
}

export function sharedRateGate(config: DeliveryConfig, db: DataSource): RequestGate {
  return new PostgresRateGate(db, config.DATABASE_SCHEMA, rateBudget(config));
}

/** A client of one lane, its requests through that lane's gate. */
export function genesysClientOptions(config: DeliveryConfig, gate: RequestGate): GenesysClientOptions {
  return {
    target: config.GC_REGION
      ? regionTarget(config.GC_REGION)
      : targetOf(config.GC_API_URL, config.GC_LOGIN_URL),
    clientId: config.GC_CLIENT_ID,
    clientSecret: config.GC_CLIENT_SECRET,
    timeoutMs: config.GC_TIMEOUT_MS,
    gate,
  };
}

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

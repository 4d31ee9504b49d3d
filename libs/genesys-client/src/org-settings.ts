import type { RateBudgetSettings } from '@bridge/delivery-planning';
import type { DataSource } from 'typeorm';
import type { GenesysClientOptions, RequestGate } from './genesys-client';
import { PostgresRateGate } from './postgres-rate-gate';
import { regionTarget, targetOf } from './target';

/** The org's settings as every service that calls it reads them (`genesysVariables` in @bridge/config). */
export interface GenesysOrgSettings {
  readonly GC_API_URL: string;
  readonly GC_LOGIN_URL: string;
  readonly GC_REGION?: string | undefined;
  readonly GC_CLIENT_ID: string;
  readonly GC_CLIENT_SECRET: string;
  readonly GC_TIMEOUT_MS: number;
  readonly GC_RATE_LIMIT_PER_MINUTE: number;
  readonly GC_RATE_BURST?: number | undefined;
  readonly DATABASE_SCHEMA: string;
}

/** The org's rate budget: one for the whole org, whichever lane or service spends it. */
export function orgRateBudget(settings: GenesysOrgSettings): RateBudgetSettings {
  return {
    perMinute: settings.GC_RATE_LIMIT_PER_MINUTE,
    burst: settings.GC_RATE_BURST ?? Math.max(1, settings.GC_RATE_LIMIT_PER_MINUTE),
  };
}

/** The gate on the org's one bucket in Postgres. */
export function orgRateGate(settings: GenesysOrgSettings, db: DataSource): RequestGate {
  return new PostgresRateGate(db, settings.DATABASE_SCHEMA, orgRateBudget(settings));
}

/** A client of the org, its requests through `gate`. */
export function genesysClientOptions(settings: GenesysOrgSettings, gate: RequestGate): GenesysClientOptions {
  return {
    target: settings.GC_REGION
      ? regionTarget(settings.GC_REGION)
      : targetOf(settings.GC_API_URL, settings.GC_LOGIN_URL),
    clientId: settings.GC_CLIENT_ID,
    clientSecret: settings.GC_CLIENT_SECRET,
    timeoutMs: settings.GC_TIMEOUT_MS,
    gate,
  };
}

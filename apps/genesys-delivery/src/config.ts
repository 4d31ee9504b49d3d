import {
  bindHost,
  databaseVariables,
  genesysVariables,
  inboxVariables,
  loadConfig,
  natsVariables,
  operatorVariables,
  port,
  positiveInt,
  telemetryVariables,
} from '@bridge/config';
import { z } from 'zod';

const share = z.coerce.number().gt(0).max(1);

/** genesys-delivery's environment (docs/configuration.md). */
const deliveryConfigSchema = z.object({
  ...natsVariables,
  ...databaseVariables,
  ...telemetryVariables,
  ...operatorVariables,
  ...genesysVariables,
  ...inboxVariables,
  GENESYS_DELIVERY_PORT: port(8103),
  GENESYS_DELIVERY_HOST: bindHost(),
  DELIVERY_WORKERS: positiveInt(4),
  /** Objects a worker claims at once: fewer round trips to Postgres, at the cost of holding them longer. */
  DELIVERY_CLAIM_BATCH: positiveInt(64),
  DELIVERY_POLL_MS: positiveInt(100),
  /** Lease of a claimed object, renewed while a worker holds it: how soon a crashed instance's work is retaken. */
  DELIVERY_LEASE_MS: positiveInt(15_000),
  DELIVERY_MAX_ATTEMPTS: positiveInt(6),
  DELIVERY_RETRY_BASE_MS: positiveInt(500),
  DELIVERY_RETRY_MAX_MS: positiveInt(30_000),
  /** Deletions pause when one change would delete more than this share of a kind the bridge manages. */
  DELIVERY_DELETION_MAX_SHARE: share.default(0.2),
  DELIVERY_DELETION_MIN_COUNT: positiveInt(2),
  /** How long an absent document waits before its deletion, so a mass deletion is seen as one change. */
  DELIVERY_DELETION_SETTLE_MS: z.coerce.number().int().min(0).default(1000),
  /** A CIC user removed, or without a business email: `deactivate` its Genesys user, or `delete` it. */
  DELIVERY_USER_REMOVAL: z.enum(['deactivate', 'delete']).default('deactivate'),
  /**
   * The share of the org's rate budget the presence lane paces itself at, so changes collect into batches (it goes
   * beyond it only with full batches, and only while the reconciler is idle); the reconciler keeps the rest while
   * presence has work, and takes it all while presence is idle. ADR 0007.
   */
  DELIVERY_PRESENCE_SHARE: share.lt(1).default(0.6),
  /** The most events one presence or routing status events call carries (Genesys takes 500). */
  DELIVERY_PRESENCE_BATCH: positiveInt(500).pipe(z.number().max(500)),
  /** The presence source the bridge registers once and becomes each synced user's primary source with. */
  DELIVERY_PRESENCE_SOURCE_NAME: z.string().min(1).max(200).default('Cloud Bridge for PureConnect'),
  /** The drift audit spreads a pass over the managed objects across this many seconds. */
  DELIVERY_AUDIT_INTERVAL_S: positiveInt(900),
  /** The share of the org's rate budget the drift audit may spend, at most (it lends it, never borrows). */
  DELIVERY_AUDIT_SHARE: share.lt(1).default(0.1),
  /** An object the audit repaired this often within a day is reported instead of repaired again. */
  DELIVERY_AUDIT_MAX_REPAIRS_PER_DAY: positiveInt(5),
  /**
   * Interaction replication, as the guide's option: `on` replicates every interaction from then on; `off` keeps
   * the desired conversations for a backfill (POST /replication/backfill) and sends nothing.
   */
  DELIVERY_REPLICATION: z.enum(['on', 'off']).default('on'),
  /** The share of the org's rate budget the replication lane may spend while another lane has work. */
  DELIVERY_REPLICATION_SHARE: share.lt(1).default(0.3),
  /** The most events one conversation events call carries (Genesys takes 500). */
  DELIVERY_REPLICATION_BATCH: positiveInt(500).pipe(z.number().max(500)),
  /** How long a conversation waits for its queue, agent or wrap-up code to be synced before it goes without. */
  DELIVERY_REPLICATION_WAIT_MS: positiveInt(60_000),
});

export type DeliveryConfig = Readonly<z.infer<typeof deliveryConfigSchema>>;

/** Parses genesys-delivery's environment; main.ts does it once, at start. */
export function readDeliveryConfig(env: Readonly<Record<string, string | undefined>>): DeliveryConfig {
  return loadConfig('genesys-delivery', deliveryConfigSchema, env);
}

/** The injection token of the parsed DeliveryConfig. */
export const DELIVERY_CONFIG = Symbol('DeliveryConfig');

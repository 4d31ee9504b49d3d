import { z } from 'zod';
import { syncStateSchema } from './sync-commands';
import { defineOperatorCommand, operatorRequest } from './operator-command';

const time = z.iso.datetime({ offset: true });

/** Which process answered: every status answer starts with it, so the console can list a service's instances. */
export const processStatusSchema = z.object({
  service: z.string(),
  /** `<host>:<pid>`, unique among the service's instances. */
  instance: z.string(),
  version: z.string(),
  startedAt: time,
  uptimeSeconds: z.number().int(),
});

/**
 * One of the answering service's settings: its value as it may be shown (URLs without credentials; never a
 * secret's), and whether it came from the environment or is the default.
 */
export const settingSchema = z.object({
  name: z.string(),
  value: z.string().optional(),
  secret: z.boolean(),
  source: z.enum(['environment', 'default']),
});

/** A status read carries nothing but the operator's name. */
const statusRequest = operatorRequest({});

/**
 * cic-ingestion's view of CIC: which server of the switchover pair it is connected to and since when, the last
 * message, and how far the outbox relay is behind the event store. Every instance answers (one holds the ICWS
 * connection that counts, the others stand by).
 */
export const OperatorIngestionStatusRead = defineOperatorCommand({
  name: 'OperatorIngestionStatusRead',
  subject: 'operator.ingestion-status.read',
  answeredBy: 'cic-ingestion',
  answeredByEvery: true,
  changesState: false,
  request: statusRequest,
  result: z.object({
    process: processStatusSchema,
    /** The effective settings of this instance, by name. */
    settings: z.array(settingSchema),
    cic: z.object({
      state: z.enum(['connecting', 'up', 'down']),
      /** The CIC server of the pair this connection is on. */
      server: z.string().optional(),
      /** How messages are read: server-sent events or short polling. */
      mode: z.string().optional(),
      connectedSince: time.optional(),
      lastMessageAt: time.optional(),
      /** Why the connection is down. */
      reason: z.string().optional(),
    }),
    outbox: z.object({
      /** Events recorded in the event store and not yet published to JetStream. */
      backlog: z.number().int(),
      /** Age of the oldest of those, in seconds (0 without backlog). */
      lagSeconds: z.number().min(0),
    }),
  }),
});

/** object-mapping's projection: whether its start-up rebuild is done, and how far behind the CIC stream it is. */
export const OperatorMappingStatusRead = defineOperatorCommand({
  name: 'OperatorMappingStatusRead',
  subject: 'operator.mapping-status.read',
  answeredBy: 'object-mapping',
  answeredByEvery: true,
  changesState: false,
  request: statusRequest,
  result: z.object({
    process: processStatusSchema,
    /** The effective settings of this instance, by name. */
    settings: z.array(settingSchema),
    projection: z.object({
      rebuilt: z.boolean(),
      /** CIC stream sequence of the last event applied. */
      lastAppliedSequence: z.number().int(),
      lastAppliedAt: time.optional(),
      /** Documents recomputed and not yet published. */
      dirty: z.number().int(),
    }),
    /** CIC events waiting for the durable consumer (the backlog of the mapping stage). */
    backlog: z.number().int(),
    /** The last operator-requested rebuild, if any since the start. */
    lastRebuild: z
      .object({ at: time, operator: z.string(), published: z.number().int(), total: z.number().int() })
      .optional(),
  }),
});

/**
 * genesys-delivery's inbox lane as one instance sees it: whether `INBOX_NOTIFICATIONS` is on, whether this instance
 * holds the notification channels (one instance at a time does), and the channels it holds: the synced users
 * subscribed on each and whether its socket is open.
 */
export const inboxLaneStatusSchema = z.object({
  enabled: z.boolean(),
  holding: z.boolean(),
  channels: z.array(z.object({ users: z.number().int().min(0), connected: z.boolean() })),
  /** Synced users beyond what the channel limits hold, whose notifications are not followed. */
  unplacedUsers: z.number().int().min(0),
});
export type InboxLaneStatus = z.infer<typeof inboxLaneStatusSchema>;

/**
 * genesys-delivery's side of Genesys Cloud: target, token, rate budget (used, 429s, current `Retry-After`), the
 * sync's pause state, and the backlog and lag of the configuration and presence lanes.
 */
export const OperatorDeliveryStatusRead = defineOperatorCommand({
  name: 'OperatorDeliveryStatusRead',
  subject: 'operator.delivery-status.read',
  answeredBy: 'genesys-delivery',
  answeredByEvery: true,
  changesState: false,
  request: statusRequest,
  result: z.object({
    process: processStatusSchema,
    /** The effective settings of this instance, by name. */
    settings: z.array(settingSchema),
    genesys: z.object({
      /** `GC_REGION` when set. */
      region: z.string().optional(),
      /** The API base URL (no credentials). */
      apiUrl: z.string(),
      token: z.object({
        /** `none` before the first call, `valid` after a login, `refused` when the last login failed. */
        state: z.enum(['none', 'valid', 'refused']),
        since: time.optional(),
        error: z.string().optional(),
      }),
    }),
    rateBudget: z.object({
      perMinute: z.number().int(),
      burst: z.number().int(),
      /** Tokens left in the org's shared bucket now. */
      tokens: z.number(),
      /** Share of the bucket spent, 0–1. */
      used: z.number().min(0).max(1),
      /** 429s this instance received since it started. */
      rateLimited: z.number().int(),
      /** Seconds left of the current `Retry-After` block (0 when none). */
      retryAfterSeconds: z.number().min(0),
    }),
    sync: syncStateSchema,
    configuration: z.object({
      /** Records waiting to be delivered. */
      backlog: z.number().int(),
      quarantined: z.number().int(),
      /** Age of the oldest waiting record's change, in seconds (0 without backlog). */
      lagSeconds: z.number().min(0),
      pausedDeletions: z.number().int(),
    }),
    presence: z.object({ backlog: z.number().int(), lagSeconds: z.number().min(0) }),
    /** Interactions waiting to be replicated, and the age of the oldest change among them (additive). */
    replication: z.object({ backlog: z.number().int(), lagSeconds: z.number().min(0) }).optional(),
    /** The inbox notifications lane (ADR 0013; additive): only the instance holding the channels lists them. */
    inbox: inboxLaneStatusSchema.optional(),
  }),
});

const uploadJobStatus = z.object({
  id: z.number().int(),
  status: z.string(),
  /** When the job last moved (its last history line). */
  at: time.optional(),
});

/**
 * historical-upload's process and effective settings, how far its interval projection is behind the event store,
 * and its newest jobs: the one in flight and the last that succeeded.
 */
export const OperatorUploadStatusRead = defineOperatorCommand({
  name: 'OperatorUploadStatusRead',
  subject: 'operator.upload-status.read',
  answeredBy: 'historical-upload',
  answeredByEvery: true,
  changesState: false,
  request: statusRequest,
  result: z.object({
    process: processStatusSchema,
    /** The effective settings of this instance, by name (additive: an older instance answers without). */
    settings: z.array(settingSchema).optional(),
    projection: z.object({
      /** Events in the event store after the projection's position. */
      backlog: z.number().int(),
      /** Age of the oldest of those, in seconds (0 without backlog). */
      lagSeconds: z.number().min(0),
    }),
    inFlight: uploadJobStatus.optional(),
    lastSucceeded: uploadJobStatus.optional(),
  }),
});

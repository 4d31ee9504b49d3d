import {
  bindHost,
  databaseVariables,
  flag,
  loadConfig,
  natsVariables,
  port,
  telemetryVariables,
} from '@bridge/config';
import { presenceModeSchema } from '@bridge/contracts';
import type { MappingRules } from '@bridge/mapping';
import { defaultPresenceTable, presenceTableOf, type PresenceRules } from '@bridge/presence-mapping';
import { readFileSync, statSync } from 'node:fs';
import { z } from 'zod';

// Four ascending upper bounds (0–100) of the proficiency for ratings 1–4; above the last one is 5 stars.
const ratingBands = z
  .string()
  .default('20,40,60,80')
  .transform((value) => value.split(',').map((part) => Number(part.trim())))
  .pipe(
    z
      .tuple([z.number().int(), z.number().int(), z.number().int(), z.number().int()], {
        message: 'expected four comma-separated whole numbers',
      })
      .refine(
        (bands) =>
          bands.every((bound, i) => bound >= 0 && bound <= 100 && (i === 0 || bound > (bands[i - 1] ?? -1))),
        'expected four ascending bounds between 0 and 100, e.g. 20,40,60,80',
      ),
  );

// A mapping table is a few dozen rows; anything far larger is the wrong file.
const maxPresenceTableBytes = 1024 * 1024;

/** MAPPING_PRESENCE_TABLE: a JSON file of rows overriding the default table, read and checked once at start. */
const presenceTable = z
  .string()
  .optional()
  .transform((path, context) => {
    if (!path) return defaultPresenceTable;
    try {
      const { size } = statSync(path);
      if (size > maxPresenceTableBytes) throw new Error(`${size} bytes, more than ${maxPresenceTableBytes}`);
      return presenceTableOf(JSON.parse(readFileSync(path, 'utf8')) as unknown, path);
    } catch (error) {
      context.addIssue({ code: 'custom', message: error instanceof Error ? error.message : String(error) });
      return z.NEVER;
    }
  });

const schema = z
  .object({
    ...natsVariables,
    // The active/standby lock (ADR 0014), and the event store read by a replication backfill; the projection
    // itself lives in memory.
    ...databaseVariables,
    ...telemetryVariables,
    OBJECT_MAPPING_PORT: port(8102),
    OBJECT_MAPPING_HOST: bindHost(),
    /** Proficiency bounds of ratings 1–4; default ceil(p/20). */
    MAPPING_RATING_BANDS: ratingBands,
    MAPPING_INCLUDE_SYSTEM_WORKGROUPS: flag(false),
    MAPPING_INCLUDE_WORKGROUPS_WITHOUT_QUEUE: flag(false),
    MAPPING_INCLUDE_INACTIVE_WORKGROUPS: flag(false),
    /**
     * Republish every desired document at start, even unchanged ones, so delivery re-examines every object:
     * how the bridge reprovisions (a newly paired org). Without it the start still recomputes everything but
     * publishes only what differs from what MAPPING holds.
     */
    MAPPING_REBUILD: flag(false),
    /** Sync User Objects (reference §1.1); off, users are published absent (syncOptionOff). */
    MAPPING_SYNC_USERS: flag(true),
    /** Sync Advanced Platform Objects: queues, skills, languages, wrap-up codes, secondary statuses, presence. */
    MAPPING_SYNC_PLATFORM_OBJECTS: flag(true),
    /** `wem`: presence, routing status and out of office; `statusOnly`: the presence alone. */
    MAPPING_PRESENCE_MODE: presenceModeSchema.default('wem'),
    MAPPING_PRESENCE_TABLE: presenceTable,
  })
  // As in Interaction Administrator: platform objects are available only with users (queues list members).
  .refine((config) => config.MAPPING_SYNC_USERS || !config.MAPPING_SYNC_PLATFORM_OBJECTS, {
    path: ['MAPPING_SYNC_PLATFORM_OBJECTS'],
    message:
      'Sync Advanced Platform Objects needs Sync User Objects: set it false too, or MAPPING_SYNC_USERS true',
  });

/** object-mapping's settings (docs/configuration.md). */
export type ObjectMappingConfig = Readonly<z.infer<typeof schema>>;

/** Parses object-mapping's environment; main.ts calls it once, with `process.env`. */
export function readObjectMappingConfig(
  env: Readonly<Record<string, string | undefined>>,
): ObjectMappingConfig {
  return loadConfig('object-mapping', schema, env);
}

/** Injection token of the parsed config (AppModule.register provides it). */
export const OBJECT_MAPPING_CONFIG = Symbol('ObjectMappingConfig');

/** The mapping settings of the config, as @bridge/mapping takes them. */
export function mappingRulesOf(config: ObjectMappingConfig): MappingRules {
  return Object.freeze({
    ratingBands: config.MAPPING_RATING_BANDS,
    includeSystemWorkgroups: config.MAPPING_INCLUDE_SYSTEM_WORKGROUPS,
    includeWorkgroupsWithoutQueue: config.MAPPING_INCLUDE_WORKGROUPS_WITHOUT_QUEUE,
    includeInactiveWorkgroups: config.MAPPING_INCLUDE_INACTIVE_WORKGROUPS,
    syncUsers: config.MAPPING_SYNC_USERS,
    syncPlatformObjects: config.MAPPING_SYNC_PLATFORM_OBJECTS,
  });
}

/** The presence settings of the config, as @bridge/presence-mapping takes them. */
export function presenceRulesOf(config: ObjectMappingConfig): PresenceRules {
  return Object.freeze({
    mode: config.MAPPING_PRESENCE_MODE,
    table: config.MAPPING_PRESENCE_TABLE,
    syncPresence: config.MAPPING_SYNC_PLATFORM_OBJECTS,
  });
}

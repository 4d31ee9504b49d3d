import { z } from 'zod';

/** Genesys Cloud object kinds the bridge manages, with the entity token of their subjects. */
export const targetKinds = {
  user: 'user',
  queue: 'queue',
  skill: 'skill',
  language: 'language',
  wrapUpCode: 'wrap-up-code',
} as const;
export type TargetKind = keyof typeof targetKinds;

/** Why a CIC record has no Genesys Cloud object (shown to admins as "Not synced: <reason>"). */
export const notSyncedReasonSchema = z.enum([
  'removedFromCic',
  'noBusinessEmail',
  'invalidBusinessEmail',
  'systemWorkgroup',
  'workgroupWithoutQueue',
  'inactiveWorkgroup',
]);
export type NotSyncedReason = z.infer<typeof notSyncedReasonSchema>;

/** Genesys Cloud's 1–5 star rating of a skill or language. */
const ratingSchema = z.number().int().min(1).max(5);

export const phoneTypeSchema = z.enum(['work', 'work2', 'mobile', 'home', 'other']);

export const desiredUserSchema = z.object({
  /** The CIC user id, also the SCIM externalId. */
  externalId: z.string().min(1),
  /** The business email: SCIM userName and the SAML NameID. */
  userName: z.string().min(3),
  displayName: z.string().min(1),
  phoneNumbers: z.array(z.object({ type: phoneTypeSchema, value: z.string().min(1) })),
  routingSkills: z.array(z.object({ name: z.string().min(1), rating: ratingSchema })),
  routingLanguages: z.array(z.object({ name: z.string().min(1), rating: ratingSchema })),
});

export const desiredQueueSchema = z.object({
  name: z.string().min(1),
  /** Keys (CIC user ids) of the synced users who belong to the queue. */
  memberKeys: z.array(z.string().min(1)),
  wrapUpCodeNames: z.array(z.string().min(1)),
});

/** Skills, languages and wrap-up codes carry a name only (DESIGN §1). */
export const desiredNamedObjectSchema = z.object({ name: z.string().min(1) });

export type DesiredUser = z.infer<typeof desiredUserSchema>;
export type DesiredQueue = z.infer<typeof desiredQueueSchema>;
export type DesiredNamedObject = z.infer<typeof desiredNamedObjectSchema>;

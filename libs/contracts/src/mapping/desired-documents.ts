import { z } from 'zod';
import { CIC_TEXT_LIMITS } from '../cic/cic-objects';

/**
 * Why a CIC record has no Genesys Cloud object (shown to admins as "Not synced: <reason>").
 * `treatedAsLanguage` / `notTreatedAsLanguage`: a CIC skill is one Genesys object, either an ACD skill or a
 * routing language. When "Treat as Language" is toggled, the target it left becomes `absent` with one of these
 * (the skill moved; it was not deleted in CIC) and the other target becomes `present` under the same key.
 * `duplicateBusinessEmail`: another CIC user took the same business email first (compared without case);
 * Genesys Cloud has one user per email. The user is synced once the other lets the email go.
 */
export const notSyncedReasonSchema = z.enum([
  'removedFromCic',
  'noBusinessEmail',
  'invalidBusinessEmail',
  'duplicateBusinessEmail',
  'systemWorkgroup',
  'workgroupWithoutQueue',
  'inactiveWorkgroup',
  'treatedAsLanguage',
  'notTreatedAsLanguage',
  /**
   * Its kind's synchronization option (Sync User Objects, Sync Advanced Platform Objects, reference §1.1) is off:
   * the bridge leaves what it already synced as it is, and neither changes nor deletes it.
   */
  'syncOptionOff',
  /**
   * A CIC status message mapped to a system presence Genesys keeps no secondary statuses under (On Queue,
   * Offline): users in it show the system presence itself, so the status message has no secondary status.
   */
  'systemPresenceOnly',
]);
export type NotSyncedReason = z.infer<typeof notSyncedReasonSchema>;

/**
 * What an admin should know about a synced record beside "Synced", shown on its status.
 * `businessEmailFromMailbox`: the user has no business email in CIC; its mailbox email is the Genesys user name.
 */
export const syncNoteSchema = z.enum(['businessEmailFromMailbox']);
export type SyncNote = z.infer<typeof syncNoteSchema>;

/** Genesys Cloud's 1–5 star rating of a skill or language. */
const ratingSchema = z.number().int().min(1).max(5);

export const phoneTypeSchema = z.enum(['work', 'work2', 'mobile', 'home', 'other']);

/**
 * A skill or language held by a user. It references the skill by key (the CIC skill id, the `key` of its
 * MappingSkillDesired / MappingLanguageDesired), never by name: renaming a CIC skill changes one skill
 * document and no user document. Delivery resolves the key through its id map (and must deliver the skill or
 * language first). Only skills whose own desired document is `present` in the same category are listed.
 */
export const desiredRoutingEntrySchema = z.object({ key: z.string().min(1), rating: ratingSchema });

const nameSchema = z.string().min(1).max(CIC_TEXT_LIMITS.name);

/** Every array in a desired document is sorted (by key or value), so equal states serialize identically. */
export const desiredUserSchema = z.object({
  /** The CIC user id, also the SCIM externalId. */
  externalId: z.string().min(1),
  /** The business email: SCIM userName and the SAML NameID. */
  userName: z.string().min(3).max(CIC_TEXT_LIMITS.email),
  displayName: nameSchema,
  phoneNumbers: z.array(
    z.object({ type: phoneTypeSchema, value: z.string().min(1).max(CIC_TEXT_LIMITS.phone) }),
  ),
  /** ACD skills, direct and workgroup-inherited merged, by skill key (see desiredRoutingEntrySchema). */
  routingSkills: z.array(desiredRoutingEntrySchema),
  /** Skills with "Treat as Language", by skill key, same merge rule. */
  routingLanguages: z.array(desiredRoutingEntrySchema),
  /** Set only when there is something to note; delivery shows it on the record's status. */
  note: syncNoteSchema.optional(),
});

export const desiredQueueSchema = z.object({
  name: nameSchema,
  /** Keys (CIC user ids) of the synced users who belong to the queue. */
  memberKeys: z.array(z.string().min(1)),
  /** Keys (CIC wrap-up code ids) of the workgroup's wrap-up codes that are themselves `present`. */
  wrapUpCodeKeys: z.array(z.string().min(1)),
});

/** Skills, languages and wrap-up codes carry a name only (DESIGN §1). */
export const desiredNamedObjectSchema = z.object({ name: nameSchema });

export type DesiredUser = z.infer<typeof desiredUserSchema>;
export type DesiredQueue = z.infer<typeof desiredQueueSchema>;
export type DesiredNamedObject = z.infer<typeof desiredNamedObjectSchema>;
export type DesiredRoutingEntry = z.infer<typeof desiredRoutingEntrySchema>;

import { z } from 'zod';

/**
 * The longest CIC string the bridge accepts, per kind of value, in one place. CIC itself allows less, so only
 * hostile or broken input reaches them: checked before any pattern runs (the email pattern is quadratic on long
 * hostile input), and they keep one event well under NATS's max_payload. Email: RFC 5321's 254-character path.
 */
export const CIC_TEXT_LIMITS = {
  id: 256,
  name: 256,
  email: 254,
  phone: 64,
  /** Interaction Administrator's queue type labels ("Round-robin" is the longest). */
  queueType: 64,
  /** Notes a user typed with a status. */
  statusNotes: 1024,
} as const;

/** A CIC configuration id: the object's name in Interaction Administrator (dots, spaces, any letters). */
export const cicIdSchema = z.string().min(1).max(CIC_TEXT_LIMITS.id);
const nameSchema = z.string().max(CIC_TEXT_LIMITS.name);
const emailSchema = z.string().max(CIC_TEXT_LIMITS.email);
const phoneSchema = z.string().max(CIC_TEXT_LIMITS.phone);

/** A skill held by a user or a workgroup. Proficiency and desire to use are CIC's 0–100 scales. */
export const cicSkillAssignmentSchema = z.object({
  skillId: cicIdSchema,
  proficiency: z.number().int().min(0).max(100),
  desireToUse: z.number().int().min(0).max(100).optional(),
});

/** The user fields the bridge syncs (DESIGN §1), as CIC holds them: nothing is mapped or defaulted yet. */
export const cicUserSchema = z.object({
  id: cicIdSchema,
  displayName: nameSchema.optional(),
  /** The "Business Email" of Personal Info; may be missing or malformed, which the mapping rules judge. */
  businessEmail: emailSchema.optional(),
  /**
   * The mailbox (Exchange / voicemail) address, `mailboxProperties.emailAddress`. The mapping rules let it stand
   * in for a missing business email (reference §3.3).
   */
  mailboxEmail: emailSchema.optional(),
  phones: z.object({
    business: phoneSchema.optional(),
    business2: phoneSchema.optional(),
    mobile: phoneSchema.optional(),
    home: phoneSchema.optional(),
    fax: phoneSchema.optional(),
  }),
  /** Skills assigned to the user directly; workgroup skills are on the workgroup. */
  skills: z.array(cicSkillAssignmentSchema),
});

export const cicWorkgroupSchema = z.object({
  id: cicIdSchema,
  displayName: nameSchema.optional(),
  /** ACD, Custom, Group Ring, Sequential, Round-robin or None (Interaction Administrator's Queue Type). */
  queueType: z.string().max(CIC_TEXT_LIMITS.queueType),
  hasQueue: z.boolean(),
  isActive: z.boolean(),
  /** User ids; the one source of truth for membership. */
  members: z.array(cicIdSchema),
  skills: z.array(cicSkillAssignmentSchema),
  wrapUpCodes: z.array(cicIdSchema),
});

export const cicSkillSchema = z.object({
  id: cicIdSchema,
  displayName: nameSchema.optional(),
  /** "Treat as Language": the skill goes to Genesys Cloud as a routing language instead of an ACD skill. */
  treatAsLanguage: z.boolean(),
});

export const cicWrapUpCodeSchema = z.object({
  id: cicIdSchema,
  displayName: nameSchema.optional(),
});

export type CicSkillAssignment = z.infer<typeof cicSkillAssignmentSchema>;
export type CicUser = z.infer<typeof cicUserSchema>;
export type CicWorkgroup = z.infer<typeof cicWorkgroupSchema>;
export type CicSkill = z.infer<typeof cicSkillSchema>;
export type CicWrapUpCode = z.infer<typeof cicWrapUpCodeSchema>;

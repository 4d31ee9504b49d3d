import { z } from 'zod';

/** A CIC configuration id: the object's name in Interaction Administrator (dots, spaces, any letters). */
export const cicIdSchema = z.string().min(1).max(256);

/** A skill held by a user or a workgroup. Proficiency and desire to use are CIC's 0–100 scales. */
export const cicSkillAssignmentSchema = z.object({
  skillId: cicIdSchema,
  proficiency: z.number().int().min(0).max(100),
  desireToUse: z.number().int().min(0).max(100).optional(),
});

/** The user fields the bridge syncs (DESIGN §1), as CIC holds them: nothing is mapped or defaulted yet. */
export const cicUserSchema = z.object({
  id: cicIdSchema,
  displayName: z.string().optional(),
  /** The "Business Email" of Personal Info; may be missing or malformed, which the mapping rules judge. */
  businessEmail: z.string().optional(),
  phones: z.object({
    business: z.string().optional(),
    business2: z.string().optional(),
    mobile: z.string().optional(),
    home: z.string().optional(),
    fax: z.string().optional(),
  }),
  /** Skills assigned to the user directly; workgroup skills are on the workgroup. */
  skills: z.array(cicSkillAssignmentSchema),
});

export const cicWorkgroupSchema = z.object({
  id: cicIdSchema,
  displayName: z.string().optional(),
  /** ACD, Custom, Group Ring, Sequential, Round-robin or None (Interaction Administrator's Queue Type). */
  queueType: z.string(),
  hasQueue: z.boolean(),
  isActive: z.boolean(),
  /** User ids; the one source of truth for membership. */
  members: z.array(cicIdSchema),
  skills: z.array(cicSkillAssignmentSchema),
  wrapUpCodes: z.array(cicIdSchema),
});

export const cicSkillSchema = z.object({
  id: cicIdSchema,
  displayName: z.string().optional(),
  /** "Treat as Language": the skill goes to Genesys Cloud as a routing language instead of an ACD skill. */
  treatAsLanguage: z.boolean(),
});

export const cicWrapUpCodeSchema = z.object({
  id: cicIdSchema,
  displayName: z.string().optional(),
});

export type CicSkillAssignment = z.infer<typeof cicSkillAssignmentSchema>;
export type CicUser = z.infer<typeof cicUserSchema>;
export type CicWorkgroup = z.infer<typeof cicWorkgroupSchema>;
export type CicSkill = z.infer<typeof cicSkillSchema>;
export type CicWrapUpCode = z.infer<typeof cicWrapUpCodeSchema>;

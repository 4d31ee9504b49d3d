import { z } from 'zod';
import { DEFAULT_STATUS_MESSAGES } from './domain/default-status-messages';
import { QUEUE_TYPES, type ContactCenterData } from './domain/model';

/**
 * The JSON an admin writes: a fixture file or a /sim request body. Optional collections default to empty and
 * dates to the time of loading, so a hand-written fixture can stay short.
 */
const text = z.string().min(1);
const level = z.number().int().min(0).max(100);

export const skillAssignmentSchema = z.object({
  skillId: text,
  proficiency: z.number().int().min(1).max(100),
  desireToUse: level.default(0),
});

export const phonesSchema = z.object({
  business: text.optional(),
  business2: text.optional(),
  mobile: text.optional(),
  home: text.optional(),
  fax: text.optional(),
});

const dated = (now: string) => ({
  createdDate: z.string().default(now),
  lastModifiedDate: z.string().default(now),
});

export function schemasAt(now: string) {
  const user = z.object({
    id: text,
    displayName: text.optional(),
    password: z.string().default('1234'),
    extension: text.optional(),
    givenName: text.optional(),
    surname: text.optional(),
    businessEmail: text.optional(),
    mailboxEmail: text.optional(),
    departmentName: text.optional(),
    title: text.optional(),
    phones: phonesSchema.default({}),
    skills: z.array(skillAssignmentSchema).default([]),
    masterAdministrator: z.boolean().optional(),
    ...dated(now),
  });
  const workgroup = z.object({
    id: text,
    displayName: text.optional(),
    queueType: z.enum(QUEUE_TYPES).default('ACD'),
    isActive: z.boolean().default(true),
    extension: text.optional(),
    members: z.array(text).default([]),
    skills: z.array(skillAssignmentSchema).default([]),
    wrapUpCodes: z.array(text).default([]),
    ...dated(now),
  });
  const skill = z.object({
    id: text,
    displayName: text.optional(),
    treatAsLanguage: z.boolean().default(false),
    category: text.optional(),
    ...dated(now),
  });
  const wrapUpCode = z.object({
    id: text,
    displayName: text.optional(),
    label: text.optional(),
    category: text.optional(),
    ...dated(now),
  });
  const statusFlags = {
    canHaveDate: z.boolean(),
    canHaveTime: z.boolean(),
    isDoNotDisturbStatus: z.boolean(),
    isSelectableStatus: z.boolean(),
    isPersistentStatus: z.boolean(),
    isForwardStatus: z.boolean(),
    isAfterCallWorkStatus: z.boolean(),
    isAcdStatus: z.boolean(),
    isAllowFollowUpStatus: z.boolean(),
  };
  const statusMessage = z
    .object({
      statusId: text,
      messageText: z.string().optional(),
      groupTag: z.string().default(''),
      iconUri: z.string().default(''),
      systemId: z.string().optional(),
      canHaveDate: statusFlags.canHaveDate.default(false),
      canHaveTime: statusFlags.canHaveTime.default(false),
      isDoNotDisturbStatus: statusFlags.isDoNotDisturbStatus.default(false),
      isSelectableStatus: statusFlags.isSelectableStatus.default(true),
      isPersistentStatus: statusFlags.isPersistentStatus.default(false),
      isForwardStatus: statusFlags.isForwardStatus.default(false),
      isAfterCallWorkStatus: statusFlags.isAfterCallWorkStatus.default(false),
      isAcdStatus: statusFlags.isAcdStatus.default(false),
      isAllowFollowUpStatus: statusFlags.isAllowFollowUpStatus.default(false),
    })
    .transform((status) => ({
      ...status,
      messageText: status.messageText ?? status.statusId,
      systemId: status.systemId ?? status.statusId,
    }));
  const userStatus = z.object({
    userId: text,
    statusId: text,
    statusChanged: z.string().default(now),
    notes: z.string().optional(),
    until: z
      .object({ dateTime: z.iso.datetime({ offset: true }), hasDate: z.boolean(), hasTime: z.boolean() })
      .optional(),
    loggedIn: z.boolean().default(false),
    onPhone: z.boolean().default(false),
    onPhoneChanged: z.string().default(now),
    stations: z.array(z.string()).default([]),
  });
  const center = z.object({
    users: z.array(user).default([]),
    workgroups: z.array(workgroup).default([]),
    skills: z.array(skill).default([]),
    wrapUpCodes: z.array(wrapUpCode).default([]),
    statusMessages: z.array(statusMessage).default(() => [...DEFAULT_STATUS_MESSAGES]),
    userStatuses: z.array(userStatus).default([]),
  });
  return {
    user,
    workgroup,
    skill,
    wrapUpCode,
    statusMessage,
    center,
    userPatch: z
      .object({
        displayName: text.nullable().optional(),
        password: z.string().optional(),
        extension: text.nullable().optional(),
        givenName: text.nullable().optional(),
        surname: text.nullable().optional(),
        businessEmail: text.nullable().optional(),
        mailboxEmail: text.nullable().optional(),
        departmentName: text.nullable().optional(),
        title: text.nullable().optional(),
        phones: z
          .object({
            business: text.nullable().optional(),
            business2: text.nullable().optional(),
            mobile: text.nullable().optional(),
            home: text.nullable().optional(),
            fax: text.nullable().optional(),
          })
          .strict()
          .optional(),
        skills: z.array(skillAssignmentSchema).optional(),
      })
      .strict(),
    workgroupPatch: z
      .object({
        displayName: text.nullable().optional(),
        queueType: z.enum(QUEUE_TYPES).optional(),
        isActive: z.boolean().optional(),
        extension: text.nullable().optional(),
        members: z.array(text).optional(),
        skills: z.array(skillAssignmentSchema).optional(),
        wrapUpCodes: z.array(text).optional(),
      })
      .strict(),
    skillPatch: z
      .object({
        displayName: text.nullable().optional(),
        treatAsLanguage: z.boolean().optional(),
        category: text.nullable().optional(),
      })
      .strict(),
    wrapUpCodePatch: z
      .object({
        displayName: text.nullable().optional(),
        label: text.nullable().optional(),
        category: text.nullable().optional(),
      })
      .strict(),
    /** A rename (messageText) or a change of group or flags; the rest of the definition stays. */
    statusMessagePatch: z
      .object({ messageText: text, groupTag: z.string(), iconUri: z.string(), ...statusFlags })
      .partial()
      .strict(),
    userStatusChange: z
      .object({
        statusId: text,
        notes: z.string().max(1000).nullable().optional(),
        until: z.iso.datetime({ offset: true }).nullable().optional(),
        loggedIn: z.boolean().optional(),
        onPhone: z.boolean().optional(),
      })
      .strict(),
  };
}

/** Parses a whole center (a fixture file's content). */
export function parseContactCenter(json: unknown, now: Date): ContactCenterData {
  return schemasAt(now.toISOString()).center.parse(json);
}

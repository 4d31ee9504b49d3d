/**
 * The contact-center model as an Interaction Administrator user sees it. Plain data: the ICWS shape of each object
 * is rendered from it (render.ts), so the model stays independent of the wire names.
 */

/** Workgroup "Queue Type" values as IA lists them (reference §2). */
export const QUEUE_TYPES = ['ACD', 'Custom', 'Group Ring', 'Sequential', 'Round-robin', 'None'] as const;
export type QueueType = (typeof QUEUE_TYPES)[number];

/** A skill held by a user or a workgroup; proficiency and desire to use are 1–100 (0 = unset desire). */
export interface SkillAssignment {
  skillId: string;
  proficiency: number;
  desireToUse: number;
}

export interface Phones {
  business?: string;
  business2?: string;
  mobile?: string;
  home?: string;
  fax?: string;
}

export interface CicUser {
  id: string;
  /** Absent when the admin left Display Name blank; the bridge then defaults to the user id. */
  displayName?: string;
  password: string;
  extension?: string;
  givenName?: string;
  surname?: string;
  /** IA Personal Info > Internet > Business Email; absent means the bridge must not sync the user. */
  businessEmail?: string;
  mailboxEmail?: string;
  departmentName?: string;
  title?: string;
  phones: Phones;
  /** Skills assigned directly; workgroup skills are inherited at read time. */
  skills: SkillAssignment[];
  /** IA Administrative Rights > Master Administrator: may administer the system, the bridge's console included. */
  masterAdministrator?: boolean;
  createdDate: string;
  lastModifiedDate: string;
}

export interface Workgroup {
  id: string;
  displayName?: string;
  queueType: QueueType;
  isActive: boolean;
  extension?: string;
  /** Membership lives here only; a user's workgroups are derived from it. */
  members: string[];
  skills: SkillAssignment[];
  wrapUpCodes: string[];
  createdDate: string;
  lastModifiedDate: string;
}

export interface Skill {
  id: string;
  displayName?: string;
  treatAsLanguage: boolean;
  category?: string;
  createdDate: string;
  lastModifiedDate: string;
}

export interface WrapUpCode {
  id: string;
  displayName?: string;
  label?: string;
  category?: string;
  createdDate: string;
  lastModifiedDate: string;
}

/** A status definition (IA Status Messages); statusId is case-insensitive (reference §3.6). */
export interface StatusMessage {
  statusId: string;
  messageText: string;
  groupTag: string;
  iconUri: string;
  systemId: string;
  canHaveDate: boolean;
  canHaveTime: boolean;
  isDoNotDisturbStatus: boolean;
  isSelectableStatus: boolean;
  isPersistentStatus: boolean;
  isForwardStatus: boolean;
  isAfterCallWorkStatus: boolean;
  isAcdStatus: boolean;
  isAllowFollowUpStatus: boolean;
}

/** "Until" of a status that can carry a date or time (on vacation until …); which parts count follows the definition. */
export interface StatusUntil {
  dateTime: string;
  hasDate: boolean;
  hasTime: boolean;
}

export interface UserStatus {
  userId: string;
  statusId: string;
  statusChanged: string;
  notes?: string;
  until?: StatusUntil;
  loggedIn: boolean;
  onPhone: boolean;
  onPhoneChanged: string;
  stations: string[];
}

/** What a fixture file or the generator produces: the whole center, JSON-serialisable. */
export interface ContactCenterData {
  users: CicUser[];
  workgroups: Workgroup[];
  skills: Skill[];
  wrapUpCodes: WrapUpCode[];
  statusMessages: StatusMessage[];
  userStatuses: UserStatus[];
}

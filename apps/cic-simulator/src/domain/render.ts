import { ICWS, configUri, icwsDate, type ConfigKind } from '../icws-names';
import type { ContactCenter } from './contact-center';
import { compact, compactOrAbsent, type Json, type JsonObject } from './json';
import type {
  CicUser,
  Skill,
  SkillAssignment,
  StatusMessage,
  StatusUntil,
  UserStatus,
  Workgroup,
  WrapUpCode,
} from './model';

/** `{id, displayName, uri}`, the reference shape of every configuration object (reference §3.2). */
function idRef(kind: ConfigKind, id: string, displayName: string | undefined): JsonObject {
  const N = ICWS.common;
  return compact({ [N.id]: id, [N.displayName]: displayName, [N.uri]: configUri(kind, id) });
}

const date = (iso: string): string => icwsDate(new Date(iso));

function skillItem(center: ContactCenter, assignment: SkillAssignment): JsonObject {
  const skill = center.skills.get(assignment.skillId);
  return {
    [ICWS.common.id]: idRef('skills', skill?.id ?? assignment.skillId, skill?.displayName),
    [ICWS.user.proficiency]: assignment.proficiency,
    [ICWS.user.desireToUse]: assignment.desireToUse,
  };
}

/**
 * A user's skills as IA computes them: direct ones win; a skill held only through workgroups takes the highest
 * proficiency any of them grants (reference §1.3: "user-level overrides inherited ones").
 */
export function effectiveSkills(center: ContactCenter, user: CicUser): SkillAssignment[] {
  const byKey = new Map<string, SkillAssignment>();
  for (const workgroup of center.workgroupsOf(user.id)) {
    for (const assignment of workgroup.skills) {
      const key = assignment.skillId.toLowerCase();
      const held = byKey.get(key);
      if (!held || held.proficiency < assignment.proficiency) byKey.set(key, assignment);
    }
  }
  for (const assignment of user.skills) byKey.set(assignment.skillId.toLowerCase(), assignment);
  return [...byKey.values()];
}

export function renderUser(center: ContactCenter, user: CicUser): JsonObject {
  const N = ICWS.user;
  return compact({
    [ICWS.common.configurationId]: idRef('users', user.id, user.displayName),
    [N.extension]: user.extension,
    [N.personalInformationProperties]: compactOrAbsent({
      [N.givenName]: user.givenName,
      [N.surname]: user.surname,
      [N.emailAddress]: user.businessEmail,
      [N.departmentName]: user.departmentName,
      [N.title]: user.title,
      [N.businessNumber]: user.phones.business,
      [N.business2Number]: user.phones.business2,
      [N.mobileNumber]: user.phones.mobile,
      [N.homeNumber]: user.phones.home,
      [N.faxNumber]: user.phones.fax,
    }),
    [N.mailboxProperties]: compactOrAbsent({ [N.emailAddress]: user.mailboxEmail }),
    [N.administrativeRights]: { [N.masterAdministrator]: user.masterAdministrator ?? false },
    [N.workgroups]: center
      .workgroupsOf(user.id)
      .map((workgroup) => idRef('workgroups', workgroup.id, workgroup.displayName)),
    [N.skills]: {
      [N.actualValue]: user.skills.map((assignment) => skillItem(center, assignment)),
      [N.effectiveValue]: effectiveSkills(center, user).map((assignment) => skillItem(center, assignment)),
    },
    [ICWS.common.createdDate]: date(user.createdDate),
    [ICWS.common.lastModifiedDate]: date(user.lastModifiedDate),
  });
}

export function renderWorkgroup(center: ContactCenter, workgroup: Workgroup): JsonObject {
  const N = ICWS.workgroup;
  return compact({
    [ICWS.common.configurationId]: idRef('workgroups', workgroup.id, workgroup.displayName),
    [N.extension]: workgroup.extension,
    [N.hasQueue]: workgroup.queueType !== 'None',
    [N.queueType]: workgroup.queueType,
    [N.isActive]: workgroup.isActive,
    [N.members]: workgroup.members.map((member) =>
      idRef('users', member, center.users.get(member)?.displayName),
    ),
    [N.skills]: workgroup.skills.map((assignment) => skillItem(center, assignment)),
    [N.wrapUpCodes]: workgroup.wrapUpCodes.map((id) => {
      const code = center.wrapUpCodes.get(id);
      return idRef('wrapUpCodes', code?.id ?? id, code?.displayName);
    }),
    [ICWS.common.createdDate]: date(workgroup.createdDate),
    [ICWS.common.lastModifiedDate]: date(workgroup.lastModifiedDate),
  });
}

export function renderSkill(skill: Skill): JsonObject {
  return compact({
    [ICWS.common.configurationId]: idRef('skills', skill.id, skill.displayName),
    [ICWS.skill.treatAsLanguage]: skill.treatAsLanguage,
    [ICWS.skill.skillCategory]:
      skill.category === undefined
        ? undefined
        : {
            [ICWS.common.id]: skill.category,
            [ICWS.common.displayName]: skill.category,
            [ICWS.common.uri]: `/configuration/${ICWS.skillCategories}/${encodeURIComponent(skill.category)}`,
          },
    [ICWS.common.createdDate]: date(skill.createdDate),
    [ICWS.common.lastModifiedDate]: date(skill.lastModifiedDate),
  });
}

export function renderWrapUpCode(code: WrapUpCode): JsonObject {
  return compact({
    [ICWS.common.configurationId]: idRef('wrapUpCodes', code.id, code.displayName),
    [ICWS.wrapUpCode.label]: code.label,
    [ICWS.wrapUpCode.category]: code.category,
    [ICWS.common.createdDate]: date(code.createdDate),
    [ICWS.common.lastModifiedDate]: date(code.lastModifiedDate),
  });
}

/** The full ICWS object of one configuration item, or undefined when it does not exist. */
export function renderConfigItem(
  center: ContactCenter,
  kind: ConfigKind,
  id: string,
): JsonObject | undefined {
  switch (kind) {
    case 'users': {
      const user = center.users.get(id);
      return user && renderUser(center, user);
    }
    case 'workgroups': {
      const workgroup = center.workgroups.get(id);
      return workgroup && renderWorkgroup(center, workgroup);
    }
    case 'skills': {
      const skill = center.skills.get(id);
      return skill && renderSkill(skill);
    }
    case 'wrapUpCodes': {
      const code = center.wrapUpCodes.get(id);
      return code && renderWrapUpCode(code);
    }
  }
}

/** Just `{configurationId}` of an item: what a list without select returns, without rendering the rest. */
export function renderConfigIdOnly(center: ContactCenter, kind: ConfigKind, id: string): JsonObject {
  const registry =
    kind === 'users'
      ? center.users
      : kind === 'workgroups'
        ? center.workgroups
        : kind === 'skills'
          ? center.skills
          : center.wrapUpCodes;
  const item = registry.get(id);
  return { [ICWS.common.configurationId]: idRef(kind, item?.id ?? id, item?.displayName) };
}

/** The ids of every item of a kind, in the center's order. */
export function configIds(center: ContactCenter, kind: ConfigKind): string[] {
  const registry =
    kind === 'users'
      ? center.users
      : kind === 'workgroups'
        ? center.workgroups
        : kind === 'skills'
          ? center.skills
          : center.wrapUpCodes;
  return registry.values().map((item) => item.id);
}

export function renderStatusMessage(status: StatusMessage): JsonObject {
  const N = ICWS.statusMessage;
  return {
    [N.statusId]: status.statusId,
    [N.messageText]: status.messageText,
    [N.iconUri]: status.iconUri,
    [N.groupTag]: status.groupTag,
    [N.systemId]: status.systemId,
    [N.canHaveDate]: status.canHaveDate,
    [N.canHaveTime]: status.canHaveTime,
    [N.isDoNotDisturbStatus]: status.isDoNotDisturbStatus,
    [N.isSelectableStatus]: status.isSelectableStatus,
    [N.isPersistentStatus]: status.isPersistentStatus,
    [N.isForwardStatus]: status.isForwardStatus,
    [N.isAfterCallWorkStatus]: status.isAfterCallWorkStatus,
    [N.isAcdStatus]: status.isAcdStatus,
    [N.isAllowFollowUpStatus]: status.isAllowFollowUpStatus,
  };
}

function renderUntil(until: StatusUntil): JsonObject {
  const N = ICWS.statusUntil;
  return {
    __type: N.type,
    [N.untilDateTime]: date(until.dateTime),
    [N.hasDate]: until.hasDate,
    [N.hasTime]: until.hasTime,
  };
}

export function renderUserStatus(status: UserStatus): JsonObject {
  const N = ICWS.userStatus;
  return compact({
    [N.userId]: status.userId,
    [N.statusId]: status.statusId,
    [N.statusChanged]: date(status.statusChanged),
    [N.notes]: status.notes,
    [N.until]: status.until && renderUntil(status.until),
    [N.icServers]: [] as Json[],
    [N.stations]: status.stations,
    [N.loggedIn]: status.loggedIn,
    [N.onPhone]: status.onPhone,
    [N.onPhoneChanged]: date(status.onPhoneChanged),
  });
}

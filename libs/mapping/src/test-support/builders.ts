import type { CicEvent, CicSkill, CicUser, CicWorkgroup, CicWrapUpCode } from '@bridge/contracts';
import { evolve, initialCicState, type CicState } from '../cic-state';

// Builders typed from the contracts, so a schema change breaks the tests that rely on it.

export function aCicUser(id: string, overrides: Partial<CicUser> = {}): CicUser {
  return {
    id,
    businessEmail: `${id.toLowerCase().replace(/\s/g, '')}@example.com`,
    phones: {},
    skills: [],
    ...overrides,
  };
}

export function aWorkgroup(id: string, overrides: Partial<CicWorkgroup> = {}): CicWorkgroup {
  return {
    id,
    queueType: 'ACD',
    hasQueue: true,
    isActive: true,
    members: [],
    skills: [],
    wrapUpCodes: [],
    ...overrides,
  };
}

export function aSkill(id: string, overrides: Partial<CicSkill> = {}): CicSkill {
  return { id, treatAsLanguage: false, ...overrides };
}

export function aWrapUpCode(id: string, overrides: Partial<CicWrapUpCode> = {}): CicWrapUpCode {
  return { id, ...overrides };
}

export const userChanged = (user: CicUser): CicEvent => ({ type: 'CicUserChanged', data: { user } });
export const userRemoved = (id: string): CicEvent => ({ type: 'CicUserRemoved', data: { id } });
export const workgroupChanged = (workgroup: CicWorkgroup): CicEvent => ({
  type: 'CicWorkgroupChanged',
  data: { workgroup },
});
export const workgroupRemoved = (id: string): CicEvent => ({ type: 'CicWorkgroupRemoved', data: { id } });
export const skillChanged = (skill: CicSkill): CicEvent => ({ type: 'CicSkillChanged', data: { skill } });
export const skillRemoved = (id: string): CicEvent => ({ type: 'CicSkillRemoved', data: { id } });
export const wrapUpCodeChanged = (wrapUpCode: CicWrapUpCode): CicEvent => ({
  type: 'CicWrapUpCodeChanged',
  data: { wrapUpCode },
});
export const wrapUpCodeRemoved = (id: string): CicEvent => ({ type: 'CicWrapUpCodeRemoved', data: { id } });

/** The projection after these events, from empty. */
export function given(...events: CicEvent[]): CicState {
  return events.reduce(evolve, initialCicState());
}

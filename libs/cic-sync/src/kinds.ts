import {
  CicSkillChanged,
  CicSkillRemoved,
  CicUserChanged,
  CicUserRemoved,
  CicWorkgroupChanged,
  CicWorkgroupRemoved,
  CicWrapUpCodeChanged,
  CicWrapUpCodeRemoved,
  type CicObjectKind,
  type CicSkill,
  type CicUser,
  type CicWorkgroup,
  type CicWrapUpCode,
} from '@bridge/contracts';
import { ICWS } from './icws-names';

/** The contracts' object for each CIC kind. */
export interface CicObjectByKind {
  user: CicUser;
  workgroup: CicWorkgroup;
  skill: CicSkill;
  wrapUpCode: CicWrapUpCode;
}
export type CicObject = CicObjectByKind[CicObjectKind];

/** Every kind the bridge follows, in the order a snapshot is taken. */
export const CIC_KINDS: readonly CicObjectKind[] = ['skill', 'wrapUpCode', 'workgroup', 'user'];

/** The events of each kind and the key its `…Changed` data holds the object under. */
export const KIND_EVENTS = {
  user: { changed: CicUserChanged, removed: CicUserRemoved, dataKey: 'user' },
  workgroup: { changed: CicWorkgroupChanged, removed: CicWorkgroupRemoved, dataKey: 'workgroup' },
  skill: { changed: CicSkillChanged, removed: CicSkillRemoved, dataKey: 'skill' },
  wrapUpCode: { changed: CicWrapUpCodeChanged, removed: CicWrapUpCodeRemoved, dataKey: 'wrapUpCode' },
} as const;

/** The kind whose configuration message has this `__type`. */
export function kindOfMessageType(type: string): CicObjectKind | undefined {
  return CIC_KINDS.find((kind) => ICWS.messageTypes[kind] === type);
}

/** The kind and change an event type of ours stands for, e.g. `CicUserRemoved` → user, removed. */
export function kindOfEventType(
  type: string,
): { kind: CicObjectKind; change: 'changed' | 'removed' } | undefined {
  for (const kind of CIC_KINDS) {
    if (KIND_EVENTS[kind].changed.type === type) return { kind, change: 'changed' };
    if (KIND_EVENTS[kind].removed.type === type) return { kind, change: 'removed' };
  }
  return undefined;
}

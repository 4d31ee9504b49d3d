import type { CicObjectKind, CicSkill, CicUser, CicWorkgroup, CicWrapUpCode } from '@bridge/contracts';
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

/** The kind whose configuration message has this `__type`. */
export function kindOfMessageType(type: string): CicObjectKind | undefined {
  return CIC_KINDS.find((kind) => ICWS.messageTypes[kind] === type);
}

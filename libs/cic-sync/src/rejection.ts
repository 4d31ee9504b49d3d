import type { CicObjectKind } from '@bridge/contracts';

/** Why a message from CIC, or one item in it, was skipped. Wire-style string literals, one per kind of fault. */
export type RejectionReason =
  | 'invalidJson'
  | 'notAnObject'
  | 'missingType'
  | 'unknownType'
  | 'invalidIsDelta'
  | 'invalidList'
  | 'itemNotObject'
  | 'missingConfigurationId'
  | 'missingId'
  | 'invalidId'
  | 'invalidProperty'
  /** A string over its cap in the contracts' CIC_TEXT_LIMITS. */
  | 'valueTooLong'
  | 'unknownObject';

/** A skipped message or item: the reason, a human detail and the raw input, for the log. */
export interface Rejection {
  readonly reason: RejectionReason;
  readonly detail: string;
  readonly raw: unknown;
  readonly kind?: CicObjectKind;
  readonly id?: string;
}

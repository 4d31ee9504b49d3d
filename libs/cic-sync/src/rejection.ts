import type { CicObjectKind } from '@bridge/contracts';
import type { z } from 'zod';

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
  /** A configuration kind, or one of the status facts. */
  readonly kind?: CicObjectKind | 'userStatus' | 'statusMessage' | 'interaction';
  readonly id?: string;
}

/** A zod failure on one item as a Rejection: the first issue's path and message, `valueTooLong` for a long text. */
export function rejectionOfIssues(
  error: z.ZodError,
  raw: unknown,
  kind: NonNullable<Rejection['kind']>,
  id: string | undefined,
): Rejection {
  const issue = error.issues[0];
  const detail = issue ? `${issue.path.join('.')}: ${issue.message}` : error.message;
  const reason = issue?.code === 'too_big' && issue.origin === 'string' ? 'valueTooLong' : 'invalidProperty';
  return { reason, detail, raw, kind, ...(id === undefined ? {} : { id }) };
}

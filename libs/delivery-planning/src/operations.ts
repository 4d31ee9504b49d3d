import type { DesiredSecondaryStatus } from '@bridge/contracts';
import type { UserFields } from './genesys-state';

/**
 * One Genesys Cloud call a plan asks for. Each is exactly one request, so the caller can take one token of the
 * rate budget per operation. Operations act on the object being reconciled; a create gives it its id.
 */
export type UserOperation =
  | { readonly type: 'createUser'; readonly user: UserFields }
  | { readonly type: 'patchUser'; readonly changes: UserChanges }
  | { readonly type: 'deactivateUser' }
  | { readonly type: 'deleteUser' };

/**
 * What becomes of the Genesys user of a CIC user who is removed or loses the business email: deactivated (the
 * default: its history and settings stay, and it comes back as it was), or deleted (DESIGN §1's setting).
 */
export type UserRemoval = 'deactivate' | 'delete';

/** The fields a SCIM PATCH replaces; absent means unchanged. */
export type UserChanges = Partial<UserFields> & { readonly active?: boolean };

export type QueueOperation =
  | { readonly type: 'createQueue'; readonly name: string }
  | { readonly type: 'renameQueue'; readonly name: string }
  | { readonly type: 'addQueueMembers'; readonly userIds: readonly string[] }
  | { readonly type: 'removeQueueMembers'; readonly userIds: readonly string[] }
  | { readonly type: 'addQueueWrapUpCodes'; readonly wrapUpCodeIds: readonly string[] }
  | { readonly type: 'removeQueueWrapUpCode'; readonly wrapUpCodeId: string }
  | { readonly type: 'deleteQueue' };

export type NamedObjectOperation =
  | { readonly type: 'createNamed'; readonly name: string }
  | { readonly type: 'renameNamed'; readonly name: string }
  | { readonly type: 'deleteNamed' };

/** Secondary statuses are deactivated, never deleted: Genesys keeps them for the history that names them. */
export type SecondaryStatusOperation =
  | { readonly type: 'createSecondaryStatus'; readonly status: DesiredSecondaryStatus }
  | { readonly type: 'updateSecondaryStatus'; readonly status: DesiredSecondaryStatus }
  /** A PUT of the whole definition, so it carries the status as Genesys has it. */
  | { readonly type: 'deactivateSecondaryStatus'; readonly status: DesiredSecondaryStatus };

export type Operation = UserOperation | QueueOperation | NamedObjectOperation | SecondaryStatusOperation;

/** Operations that remove an object from Genesys Cloud (or deactivate it): the deletion guard counts them. */
export function isDeletion(operation: Operation): boolean {
  return (
    operation.type === 'deactivateUser' ||
    operation.type === 'deleteUser' ||
    operation.type === 'deleteQueue' ||
    operation.type === 'deleteNamed' ||
    operation.type === 'deactivateSecondaryStatus'
  );
}

/** The documented bulk limit of queue member and queue wrap-up code calls. */
export const BULK_LIMIT = 100;

export function chunk<T>(items: readonly T[], size = BULK_LIMIT): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}

import type { ActualQueue } from './genesys-state';
import { chunk, type QueueOperation } from './operations';

/** A desired queue with its member keys and wrap-up code names resolved to Genesys ids by the caller. */
export interface ResolvedQueue {
  readonly name: string;
  readonly memberIds: readonly string[];
  readonly wrapUpCodeIds: readonly string[];
}

/** Users and wrap-up codes the bridge manages; members and codes outside these sets are left alone. */
export interface ManagedIds {
  readonly userIds: ReadonlySet<string>;
  readonly wrapUpCodeIds: ReadonlySet<string>;
}

/**
 * The calls that make a queue match its desired document: create or rename it, add missing members and wrap-up
 * codes in bulk calls of at most 100, remove the managed ones that should no longer be there, or delete the
 * queue when the desired state is absent.
 */
export function planQueueSync(
  desired: ResolvedQueue | undefined,
  actual: ActualQueue | undefined,
  managed: ManagedIds,
): QueueOperation[] {
  if (!desired) return actual ? [{ type: 'deleteQueue' }] : [];
  const operations: QueueOperation[] = [];
  if (!actual) operations.push({ type: 'createQueue', name: desired.name });
  else if (actual.name !== desired.name) operations.push({ type: 'renameQueue', name: desired.name });
  const members = new Set(actual?.memberIds ?? []);
  const wantedMembers = new Set(desired.memberIds);
  const codes = new Set(actual?.wrapUpCodeIds ?? []);
  const wantedCodes = new Set(desired.wrapUpCodeIds);
  for (const userIds of chunk([...wantedMembers].filter((id) => !members.has(id))))
    operations.push({ type: 'addQueueMembers', userIds });
  for (const userIds of chunk([...members].filter((id) => !wantedMembers.has(id) && managed.userIds.has(id))))
    operations.push({ type: 'removeQueueMembers', userIds });
  for (const wrapUpCodeIds of chunk([...wantedCodes].filter((id) => !codes.has(id))))
    operations.push({ type: 'addQueueWrapUpCodes', wrapUpCodeIds });
  for (const id of codes)
    if (!wantedCodes.has(id) && managed.wrapUpCodeIds.has(id))
      operations.push({ type: 'removeQueueWrapUpCode', wrapUpCodeId: id });
  return operations;
}

/** The queue as it reads after the operation succeeded. */
export function applyQueueOperation(
  actual: ActualQueue | undefined,
  operation: QueueOperation,
  id: string,
): ActualQueue | undefined {
  if (operation.type === 'createQueue') return { id, name: operation.name, memberIds: [], wrapUpCodeIds: [] };
  if (operation.type === 'deleteQueue' || !actual) return undefined;
  switch (operation.type) {
    case 'renameQueue':
      return { ...actual, name: operation.name };
    case 'addQueueMembers':
      return { ...actual, memberIds: [...new Set([...actual.memberIds, ...operation.userIds])] };
    case 'removeQueueMembers': {
      const removed = new Set(operation.userIds);
      return { ...actual, memberIds: actual.memberIds.filter((m) => !removed.has(m)) };
    }
    case 'addQueueWrapUpCodes':
      return {
        ...actual,
        wrapUpCodeIds: [...new Set([...actual.wrapUpCodeIds, ...operation.wrapUpCodeIds])],
      };
    case 'removeQueueWrapUpCode':
      return { ...actual, wrapUpCodeIds: actual.wrapUpCodeIds.filter((c) => c !== operation.wrapUpCodeId) };
  }
}

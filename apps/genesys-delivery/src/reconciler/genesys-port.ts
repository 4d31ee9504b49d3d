import type { ActualNamedObject, GenesysCall, OperationCall, Outcome } from '@bridge/delivery-planning';
import type { AttemptCall } from '@bridge/contracts';
import { GenesysFailure, type GenesysClient } from '@bridge/genesys-client';

const ok: Outcome = { type: 'ok' };

/** Runs the decider's Genesys calls on the client: one request each, a failure an outcome, not an exception. */
export class GenesysPort {
  constructor(private readonly genesys: GenesysClient) {}

  /** Runs the call; with `calls`, adds each request it sent and its answer there. */
  async run(call: GenesysCall, calls?: AttemptCall[]): Promise<Outcome> {
    const genesys = calls ? this.genesys.recording(calls) : this.genesys;
    try {
      return await request(genesys, call);
    } catch (error) {
      if (error instanceof GenesysFailure) return { type: 'failed', failure: error };
      throw error;
    }
  }
}

async function request(genesys: GenesysClient, call: GenesysCall): Promise<Outcome> {
  switch (call.call) {
    case 'findUser': {
      const user = await genesys.findUserByUserName(call.userName);
      return user ? { type: 'user', user } : { type: 'absent' };
    }
    case 'findQueue':
      return objectOrAbsent(await genesys.findQueue(call.name));
    case 'findNamed':
      return objectOrAbsent(await genesys.findNamed(call.kind, call.name));
    case 'listQueueMembers':
      return { type: 'page', ...(await genesys.listQueueMembers(call.queueId, call.page)) };
    case 'listQueueWrapUpCodes':
      return { type: 'page', ...(await genesys.listQueueWrapUpCodes(call.queueId, call.page)) };
    case 'user':
      return userOperation(genesys, call);
    case 'queue':
      return queueOperation(genesys, call);
    case 'named':
      return namedOperation(genesys, call);
    case 'findSecondaryStatus': {
      const status = await genesys.findSecondaryStatus(call.name);
      return status ? { type: 'secondaryStatus', status } : { type: 'absent' };
    }
    case 'secondaryStatus':
      return secondaryStatusOperation(genesys, call);
  }
}

async function secondaryStatusOperation(
  genesys: GenesysClient,
  { operation, id }: Extract<OperationCall, { call: 'secondaryStatus' }>,
): Promise<Outcome> {
  switch (operation.type) {
    case 'createSecondaryStatus':
      return {
        type: 'secondaryStatus',
        status: await genesys.createSecondaryStatus(operation.status),
      };
    case 'updateSecondaryStatus':
      return {
        type: 'secondaryStatus',
        status: await genesys.updateSecondaryStatus(idOf(id), operation.status),
      };
    case 'deactivateSecondaryStatus':
      await genesys.deactivateSecondaryStatus(idOf(id), operation.status);
      return ok;
  }
}

async function userOperation(
  genesys: GenesysClient,
  { operation, id }: Extract<OperationCall, { call: 'user' }>,
): Promise<Outcome> {
  switch (operation.type) {
    case 'createUser':
      return { type: 'user', user: await genesys.createUser(operation.user) };
    case 'patchUser':
      return { type: 'user', user: await genesys.patchUser(idOf(id), operation.changes) };
    case 'deactivateUser':
      await genesys.deactivateUser(idOf(id));
      return ok;
    case 'deleteUser':
      await genesys.deleteUser(idOf(id));
      return ok;
  }
}

async function queueOperation(
  genesys: GenesysClient,
  { operation, id }: Extract<OperationCall, { call: 'queue' }>,
): Promise<Outcome> {
  switch (operation.type) {
    case 'createQueue':
      return { type: 'object', object: await genesys.createQueue(operation.name) };
    case 'renameQueue':
      await genesys.renameQueue(idOf(id), operation.name);
      return ok;
    case 'addQueueMembers':
      await genesys.addQueueMembers(idOf(id), operation.userIds);
      return ok;
    case 'removeQueueMembers':
      await genesys.removeQueueMembers(idOf(id), operation.userIds);
      return ok;
    case 'addQueueWrapUpCodes':
      await genesys.addQueueWrapUpCodes(idOf(id), operation.wrapUpCodeIds);
      return ok;
    case 'removeQueueWrapUpCode':
      await genesys.removeQueueWrapUpCode(idOf(id), operation.wrapUpCodeId);
      return ok;
    case 'deleteQueue':
      await genesys.deleteQueue(idOf(id));
      return ok;
  }
}

async function namedOperation(
  genesys: GenesysClient,
  { operation, kind, id }: Extract<OperationCall, { call: 'named' }>,
): Promise<Outcome> {
  switch (operation.type) {
    case 'createNamed':
      return { type: 'object', object: await genesys.createNamed(kind, operation.name) };
    case 'renameNamed':
      await genesys.renameWrapUpCode(idOf(id), operation.name);
      return ok;
    case 'deleteNamed':
      await genesys.deleteNamed(kind, idOf(id));
      return ok;
  }
}

function objectOrAbsent(object: ActualNamedObject | undefined): Outcome {
  return object ? { type: 'object', object } : { type: 'absent' };
}

/** Every operation but a create acts on an object that has an id: the decider plans no other. */
function idOf(id: string | undefined): string {
  if (id === undefined) throw new Error('an operation on an object without a Genesys id');
  return id;
}

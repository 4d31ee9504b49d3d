import type { ActualNamedObject, GenesysCall, OperationCall, Outcome } from '@bridge/delivery-planning';
import { GenesysFailure, type GenesysClient } from '@bridge/genesys-client';

const ok: Outcome = { type: 'ok' };

/** Runs the decider's Genesys calls on the client: one request each, a failure an outcome, not an exception. */
export class GenesysPort {
  constructor(private readonly genesys: GenesysClient) {}

  async run(call: GenesysCall): Promise<Outcome> {
    try {
      return await this.request(call);
    } catch (error) {
      if (error instanceof GenesysFailure) return { type: 'failed', failure: error };
      throw error;
    }
  }

  private async request(call: GenesysCall): Promise<Outcome> {
    switch (call.call) {
      case 'findUser': {
        const user = await this.genesys.findUserByUserName(call.userName);
        return user ? { type: 'user', user } : { type: 'absent' };
      }
      case 'findQueue':
        return objectOrAbsent(await this.genesys.findQueue(call.name));
      case 'findNamed':
        return objectOrAbsent(await this.genesys.findNamed(call.kind, call.name));
      case 'listQueueMembers':
        return { type: 'page', ...(await this.genesys.listQueueMembers(call.queueId, call.page)) };
      case 'listQueueWrapUpCodes':
        return { type: 'page', ...(await this.genesys.listQueueWrapUpCodes(call.queueId, call.page)) };
      case 'user':
        return this.userOperation(call);
      case 'queue':
        return this.queueOperation(call);
      case 'named':
        return this.namedOperation(call);
      case 'findSecondaryStatus': {
        const status = await this.genesys.findSecondaryStatus(call.name);
        return status ? { type: 'secondaryStatus', status } : { type: 'absent' };
      }
      case 'secondaryStatus':
        return this.secondaryStatusOperation(call);
    }
  }

  private async secondaryStatusOperation({
    operation,
    id,
  }: Extract<OperationCall, { call: 'secondaryStatus' }>): Promise<Outcome> {
    switch (operation.type) {
      case 'createSecondaryStatus':
        return {
          type: 'secondaryStatus',
          status: await this.genesys.createSecondaryStatus(operation.status),
        };
      case 'updateSecondaryStatus':
        return {
          type: 'secondaryStatus',
          status: await this.genesys.updateSecondaryStatus(idOf(id), operation.status),
        };
      case 'deactivateSecondaryStatus':
        await this.genesys.deactivateSecondaryStatus(idOf(id), operation.status);
        return ok;
    }
  }

  private async userOperation({ operation, id }: Extract<OperationCall, { call: 'user' }>): Promise<Outcome> {
    switch (operation.type) {
      case 'createUser':
        return { type: 'user', user: await this.genesys.createUser(operation.user) };
      case 'patchUser':
        return { type: 'user', user: await this.genesys.patchUser(idOf(id), operation.changes) };
      case 'deactivateUser':
        await this.genesys.deactivateUser(idOf(id));
        return ok;
      case 'deleteUser':
        await this.genesys.deleteUser(idOf(id));
        return ok;
    }
  }

  private async queueOperation({
    operation,
    id,
  }: Extract<OperationCall, { call: 'queue' }>): Promise<Outcome> {
    switch (operation.type) {
      case 'createQueue':
        return { type: 'object', object: await this.genesys.createQueue(operation.name) };
      case 'renameQueue':
        await this.genesys.renameQueue(idOf(id), operation.name);
        return ok;
      case 'addQueueMembers':
        await this.genesys.addQueueMembers(idOf(id), operation.userIds);
        return ok;
      case 'removeQueueMembers':
        await this.genesys.removeQueueMembers(idOf(id), operation.userIds);
        return ok;
      case 'addQueueWrapUpCodes':
        await this.genesys.addQueueWrapUpCodes(idOf(id), operation.wrapUpCodeIds);
        return ok;
      case 'removeQueueWrapUpCode':
        await this.genesys.removeQueueWrapUpCode(idOf(id), operation.wrapUpCodeId);
        return ok;
      case 'deleteQueue':
        await this.genesys.deleteQueue(idOf(id));
        return ok;
    }
  }

  private async namedOperation({
    operation,
    kind,
    id,
  }: Extract<OperationCall, { call: 'named' }>): Promise<Outcome> {
    switch (operation.type) {
      case 'createNamed':
        return { type: 'object', object: await this.genesys.createNamed(kind, operation.name) };
      case 'renameNamed':
        await this.genesys.renameWrapUpCode(idOf(id), operation.name);
        return ok;
      case 'deleteNamed':
        await this.genesys.deleteNamed(kind, idOf(id));
        return ok;
    }
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

import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Inject,
  Param,
  Patch,
  Post,
  Put,
  Query,
} from '@nestjs/common';
import { pageRequest } from '../domain/paging';
import {
  addQueueWrapupCodes,
  bulkQueueMembers,
  createQueue,
  deleteQueue,
  deleteQueueMember,
  getQueue,
  listQueueMembers,
  listQueueWrapupCodes,
  listQueues,
  patchQueueMember,
  patchQueueMembers,
  queueView,
  removeQueueWrapupCode,
  updateQueue,
} from '../domain/routing';
import { SimContext } from '../sim-context';
import { type Query as Q, list, str } from './request-helpers';

@Controller('api/v2/routing/queues')
export class QueuesController {
  constructor(@Inject(SimContext) private readonly sim: SimContext) {}

  @Get()
  list(@Query() q: Q): unknown {
    const request = pageRequest(str(q, 'pageNumber'), str(q, 'pageSize'));
    return listQueues(
      this.sim.org,
      { name: str(q, 'name'), id: list(q, 'id'), sortOrder: str(q, 'sortOrder') },
      request,
    );
  }

  @Post()
  @HttpCode(200)
  create(@Body() body: unknown): unknown {
    return queueView(this.sim.org, createQueue(this.sim.org, this.sim.clock, body));
  }

  @Get(':queueId')
  get(@Param('queueId') id: string): unknown {
    return queueView(this.sim.org, getQueue(this.sim.org, id));
  }

  @Put(':queueId')
  update(@Param('queueId') id: string, @Body() body: unknown): unknown {
    return queueView(this.sim.org, updateQueue(this.sim.org, this.sim.clock, id, body));
  }

  @Delete(':queueId')
  @HttpCode(204)
  remove(@Param('queueId') id: string): void {
    deleteQueue(this.sim.org, id);
  }

  @Get(':queueId/members')
  members(@Param('queueId') id: string, @Query() q: Q): unknown {
    const request = pageRequest(str(q, 'pageNumber'), str(q, 'pageSize'));
    return listQueueMembers(this.sim.org, id, { name: str(q, 'name'), joined: str(q, 'joined') }, request);
  }

  @Post(':queueId/members')
  @HttpCode(204)
  bulkMembers(@Param('queueId') id: string, @Body() body: unknown, @Query() q: Q): void {
    bulkQueueMembers(this.sim.org, this.sim.clock, id, body, str(q, 'delete') === 'true');
  }

  /** Join/unjoin is asynchronous in Genesys: 202 and the listing of the (already applied) result. */
  @Patch(':queueId/members')
  @HttpCode(202)
  patchMembers(@Param('queueId') id: string, @Body() body: unknown): unknown {
    patchQueueMembers(this.sim.org, id, body);
    return listQueueMembers(this.sim.org, id, {}, { pageNumber: 1, pageSize: 100 });
  }

  @Patch(':queueId/members/:memberId')
  @HttpCode(202)
  patchMember(
    @Param('queueId') id: string,
    @Param('memberId') memberId: string,
    @Body() body: unknown,
  ): void {
    patchQueueMember(this.sim.org, id, memberId, body);
  }

  @Delete(':queueId/members/:memberId')
  @HttpCode(204)
  removeMember(@Param('queueId') id: string, @Param('memberId') memberId: string): void {
    deleteQueueMember(this.sim.org, id, memberId);
  }

  @Get(':queueId/wrapupcodes')
  wrapupCodes(@Param('queueId') id: string, @Query() q: Q): unknown {
    return listQueueWrapupCodes(this.sim.org, id, pageRequest(str(q, 'pageNumber'), str(q, 'pageSize')));
  }

  @Post(':queueId/wrapupcodes')
  @HttpCode(200)
  addWrapupCodes(@Param('queueId') id: string, @Body() body: unknown): unknown {
    return addQueueWrapupCodes(this.sim.org, id, body);
  }

  @Delete(':queueId/wrapupcodes/:codeId')
  @HttpCode(204)
  removeWrapupCode(@Param('queueId') id: string, @Param('codeId') codeId: string): void {
    removeQueueWrapupCode(this.sim.org, id, codeId);
  }
}

import { Body, Controller, Get, HttpCode, Inject, Param, Post, Req } from '@nestjs/common';
import type { Request } from 'express';
import {
  createUploadUrl,
  getImport,
  getRemoveJob,
  listImports,
  listRemoveJobs,
  removeImports,
  validateImport,
} from '../domain/wfm';
import { SimContext } from '../sim-context';
import { baseUrlOf } from './request-helpers';

/**
 * WFM historical data import (upload URL, validate, import status, bulk remove), and the management unit reads of
 * agents' requests (units, their users, the time-off requests query, a week's shift trades).
 */
@Controller('api/v2')
export class WfmController {
  constructor(@Inject(SimContext) private readonly sim: SimContext) {}

  @Post('uploads/workforcemanagement/historicaldata/csv')
  @HttpCode(200)
  uploadUrl(@Body() body: unknown, @Req() req: Request): unknown {
    return createUploadUrl(this.sim.org, this.sim.clock, body, baseUrlOf(req));
  }

  @Post('workforcemanagement/historicaldata/validate')
  @HttpCode(202)
  validate(@Body() body: unknown): unknown {
    return validateImport(this.sim.org, this.sim.clock, body, this.sim.wfmProcessingMs);
  }

  @Get('workforcemanagement/historicaldata/importstatus')
  imports(): unknown {
    return listImports(this.sim.org, this.sim.clock);
  }

  @Get('workforcemanagement/historicaldata/importstatus/:jobId')
  importStatus(@Param('jobId') id: string): unknown {
    return getImport(this.sim.org, this.sim.clock, id);
  }

  @Post('workforcemanagement/historicaldata/bulk/remove/jobs')
  @HttpCode(202)
  remove(@Body() body: unknown): unknown {
    return removeImports(this.sim.org, body);
  }

  @Get('workforcemanagement/historicaldata/bulk/remove/jobs')
  removeJobs(): unknown {
    return listRemoveJobs(this.sim.org);
  }

  @Get('workforcemanagement/historicaldata/bulk/remove/jobs/:jobId')
  removeJob(@Param('jobId') id: string): unknown {
    return getRemoveJob(this.sim.org, id);
  }

  @Get('workforcemanagement/managementunits')
  managementUnits(): unknown {
    return this.sim.wfmRequests.managementUnits();
  }

  @Get('workforcemanagement/managementunits/:unitId/users')
  managementUnitUsers(@Param('unitId') unitId: string): unknown {
    return this.sim.wfmRequests.managementUnitUsers(unitId);
  }

  @Post('workforcemanagement/managementunits/:unitId/timeoffrequests/query')
  @HttpCode(200)
  timeOffRequests(@Param('unitId') unitId: string, @Body() body: unknown): unknown {
    return this.sim.wfmRequests.queryTimeOff(unitId, body);
  }

  @Get('workforcemanagement/managementunits/:unitId/weeks/:weekDate/shifttrades')
  weekShiftTrades(@Param('unitId') unitId: string, @Param('weekDate') weekDate: string): unknown {
    return this.sim.wfmRequests.weekShiftTrades(unitId, weekDate);
  }
}

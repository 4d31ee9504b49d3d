import { Controller, Get, Inject } from '@nestjs/common';
import { OperatorEndpoint } from '@bridge/runtime';
import { AuditTables } from './audit-tables';

/**
 * The drift audit for the operator: which instance runs it, and its last pass (listing calls, drift found by
 * kind, repairs asked for, objects reported as drifting again, whether it fit in the interval).
 */
@Controller('delivery')
@OperatorEndpoint()
export class AuditController {
  constructor(@Inject(AuditTables) private readonly tables: AuditTables) {}

  @Get('audit')
  audit() {
    return this.tables.lastPass();
  }
}

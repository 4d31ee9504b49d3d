import { Inject, Injectable, Logger } from '@nestjs/common';
import type { TargetKind } from '@bridge/contracts';
import type { Request } from 'express';
import { ActivityLog } from '../persistence/activity-log';

const logger = new Logger('OperatorAudit');

/** One line per operator action (or refusal): in the Activity page and, at warn level, in the log. */
@Injectable()
export class Audit {
  constructor(@Inject(ActivityLog) private readonly activity: ActivityLog) {}

  async action(operator: string, action: string, detail: string, record?: { kind: TargetKind; key: string }) {
    logger.warn(`operator action: ${operator}: ${action}: ${detail}`);
    await this.activity.add([
      {
        at: new Date().toISOString(),
        source: 'operator',
        actor: operator,
        action,
        detail,
        ...(record ? { kind: record.kind, key: record.key } : {}),
      },
    ]);
  }

  /** A refused request; one without a session is only logged, so strangers cannot fill the Activity page. */
  async refused(operator: string | undefined, request: Request, reason: string) {
    if (operator === undefined) {
      logger.warn(`request refused: ${request.method} ${request.path} from ${request.ip ?? '?'}: ${reason}`);
      return;
    }
    await this.action(
      operator,
      'request refused',
      `${request.method} ${request.path} from ${request.ip ?? '?'}: ${reason}`,
    );
  }
}

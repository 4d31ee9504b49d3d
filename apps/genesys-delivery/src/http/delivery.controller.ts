import type { TargetKind } from '@bridge/contracts';
import { targetKinds } from '@bridge/contracts';
import { BadRequestException, Body, Controller, Get, HttpCode, Inject, Post } from '@nestjs/common';
import { OperatorEndpoint } from '@bridge/runtime';
import { DeletionPauses } from '../persistence/deletion-pauses';
import { DesiredObjects } from '../persistence/desired-objects';
import { RecordStatuses } from '../persistence/record-statuses';

/**
 * Operator endpoints: backlog, per-record status, paused deletions and their confirm. Every one needs the
 * operator token, the reads too (the record list names people); the POSTs take JSON only and are audited.
 */
@Controller('delivery')
@OperatorEndpoint()
export class DeliveryController {
  constructor(
    @Inject(DesiredObjects) private readonly objects: DesiredObjects,
    @Inject(RecordStatuses) private readonly statuses: RecordStatuses,
    @Inject(DeletionPauses) private readonly pauses: DeletionPauses,
  ) {}

  @Get('backlog')
  backlog() {
    return this.objects.backlog();
  }

  @Get('records')
  records() {
    return this.statuses.list();
  }

  /**
   * Retries quarantined records at once: `{ "kind": "user", "key": "John.Smith" }` for one, `{ "kind": "user" }`
   * for one kind, `{}` for all. Answers which were released.
   */
  @Post('records/retry')
  @HttpCode(200)
  async retry(@Body() body: { kind?: unknown; key?: unknown } | undefined) {
    const kind = kindOf(body?.kind);
    const key = body?.key;
    if (key !== undefined && (typeof key !== 'string' || key === '' || kind === undefined))
      throw new BadRequestException('key must be a non-empty string, given with its kind');
    return { released: await this.objects.releaseQuarantine(kind, key) };
  }

  @Get('deletions')
  deletions() {
    return this.pauses.list();
  }

  /** Releases paused deletions: `{ "kind": "queue" }` for one kind, `{}` for all. */
  @Post('deletions/confirm')
  @HttpCode(200)
  async confirm(@Body() body: { kind?: unknown } | undefined) {
    return { confirmed: await this.pauses.confirm(kindOf(body?.kind)) };
  }
}

function kindOf(kind: unknown): TargetKind | undefined {
  if (kind === undefined) return undefined;
  if (typeof kind !== 'string' || !(kind in targetKinds))
    throw new BadRequestException(`kind must be one of ${Object.keys(targetKinds).join(', ')}`);
  return kind as TargetKind;
}

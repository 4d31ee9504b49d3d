import type { TargetKind } from '@bridge/contracts';
import { targetKinds } from '@bridge/contracts';
import { BadRequestException, Body, Controller, Get, HttpCode, Inject, Post } from '@nestjs/common';
import { DeliveryStore } from '../persistence/delivery-store';

/** Operator endpoints: backlog, per-record status, paused deletions and their confirm. */
@Controller('delivery')
export class DeliveryController {
  constructor(@Inject(DeliveryStore) private readonly store: DeliveryStore) {}

  @Get('backlog')
  backlog() {
    return this.store.backlog();
  }

  @Get('records')
  records() {
    return this.store.statuses();
  }

  @Get('deletions')
  deletions() {
    return this.store.deletionPauses();
  }

  /** Releases paused deletions: `{ "kind": "queue" }` for one kind, `{}` for all. */
  @Post('deletions/confirm')
  @HttpCode(200)
  async confirm(@Body() body: { kind?: unknown } | undefined) {
    const kind = body?.kind;
    if (kind !== undefined && (typeof kind !== 'string' || !(kind in targetKinds)))
      throw new BadRequestException(`kind must be one of ${Object.keys(targetKinds).join(', ')}`);
    return { confirmed: await this.store.confirmDeletions(kind as TargetKind | undefined) };
  }
}

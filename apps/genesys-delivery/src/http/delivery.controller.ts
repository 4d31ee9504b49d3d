import type { OperatorAnswer, TargetKind } from '@bridge/contracts';
import { reprovisionTargetSchema, targetKinds } from '@bridge/contracts';
import {
  BadRequestException,
  Body,
  ConflictException,
  Controller,
  Get,
  HttpCode,
  HttpException,
  Inject,
  InternalServerErrorException,
  NotFoundException,
  Post,
  Query,
  ServiceUnavailableException,
} from '@nestjs/common';
import { OperatorEndpoint } from '@bridge/runtime';
import { DeletionPauses } from '../persistence/deletion-pauses';
import { DesiredObjects } from '../persistence/desired-objects';
import { RecordStatuses } from '../persistence/record-statuses';
import { DeliveryOperations } from '../operator/delivery-operations';

/** The operator named in the commands that arrive over HTTP: whoever holds the token (the audit line says more). */
export const tokenHolder = 'operator token';

/**
 * Operator endpoints: backlog, per-record status, paused deletions and their confirm, quarantine, the dry-run
 * plan, reprovision and the sync's pause. Every one needs the operator token, the reads too (the record list
 * names people); the POSTs take JSON only and are audited. The commands are DeliveryOperations', the same the
 * console sends over NATS.
 */
@Controller('delivery')
@OperatorEndpoint()
export class DeliveryController {
  constructor(
    @Inject(DesiredObjects) private readonly objects: DesiredObjects,
    @Inject(RecordStatuses) private readonly statuses: RecordStatuses,
    @Inject(DeletionPauses) private readonly pauses: DeletionPauses,
    @Inject(DeliveryOperations) private readonly operations: DeliveryOperations,
  ) {}

  @Get('backlog')
  backlog() {
    return this.objects.backlog();
  }

  @Get('records')
  records() {
    return this.statuses.list();
  }

  @Get('status')
  async status() {
    return resultOf(await this.operations.status());
  }

  /** One record: its desired state, delivery state and what Genesys held at the last read or write. */
  @Get('record')
  async record(@Query('kind') kind: unknown, @Query('key') key: unknown) {
    const parsed = kindOf(kind);
    if (!parsed || typeof key !== 'string' || key === '' || key.length > 256)
      throw new BadRequestException('kind and key (at most 256 characters) are required');
    return resultOf(await this.operations.readRecord({ operator: tokenHolder, kind: parsed, cicId: key }));
  }

  @Get('quarantine')
  async quarantine(@Query('kind') kind: unknown) {
    return resultOf(await this.operations.listQuarantine({ operator: tokenHolder, ...kindField(kind) }));
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
    const { released } = resultOf(
      await this.operations.releaseQuarantine({ ...(kind ? { kind } : {}), ...(key ? { cicId: key } : {}) }),
    );
    return { released: released.map(({ kind, cicId }) => ({ kind, key: cicId })) };
  }

  @Get('deletions')
  deletions() {
    return this.pauses.list();
  }

  /** Exactly what confirming the paused deletions would delete, with the preview id a confirm may name. */
  @Get('deletions/preview')
  async preview(@Query('kind') kind: unknown) {
    return resultOf(await this.operations.previewDeletions({ operator: tokenHolder, ...kindField(kind) }));
  }

  /**
   * Releases paused deletions: `{ "kind": "queue" }` for one kind, `{}` for all; with `"previewId"`, only if they
   * are still those of that preview (409 otherwise).
   */
  @Post('deletions/confirm')
  @HttpCode(200)
  async confirm(@Body() body: { kind?: unknown; previewId?: unknown } | undefined) {
    const previewId = body?.previewId;
    if (previewId !== undefined && (typeof previewId !== 'string' || previewId === ''))
      throw new BadRequestException('previewId must be a non-empty string');
    const { confirmed } = resultOf(
      await this.operations.confirmDeletions({
        ...kindField(body?.kind),
        ...(previewId ? { previewId } : {}),
      }),
    );
    return { confirmed };
  }

  /** What a full reconcile would change (`?kind=` for one kind, `?limit=` changes listed), without Genesys calls. */
  @Get('plan')
  async plan(@Query('kind') kind: unknown, @Query('limit') limit: unknown) {
    const count = limit === undefined ? undefined : Number(limit);
    if (count !== undefined && !(Number.isInteger(count) && count >= 0 && count <= 1000))
      throw new BadRequestException('limit must be a whole number from 0 to 1000');
    return resultOf(
      await this.operations.dryRun({
        operator: tokenHolder,
        ...kindField(kind),
        ...(count === undefined ? {} : { limit: count }),
      }),
    );
  }

  /** Starts a reprovision: `{ "target": "sameOrg" }` or `{ "target": "newOrg" }`. */
  @Post('reprovision')
  @HttpCode(200)
  async reprovision(@Body() body: { target?: unknown } | undefined) {
    const target = reprovisionTargetSchema.safeParse(body?.target);
    if (!target.success) throw new BadRequestException('target must be sameOrg or newOrg');
    return resultOf(await this.operations.startReprovision({ operator: tokenHolder, target: target.data }));
  }

  /** The latest reprovision's progress. */
  @Get('reprovision')
  async reprovisionProgress() {
    return resultOf(await this.operations.reprovisionProgress({ operator: tokenHolder }));
  }

  @Post('sync/pause')
  @HttpCode(200)
  async pause(@Body() body: { reason?: unknown } | undefined) {
    const reason = body?.reason;
    if (reason !== undefined && (typeof reason !== 'string' || reason.length > 256))
      throw new BadRequestException('reason must be a string of at most 256 characters');
    return resultOf(await this.operations.pause({ operator: tokenHolder, ...(reason ? { reason } : {}) }));
  }

  @Post('sync/resume')
  @HttpCode(200)
  async resume() {
    return resultOf(await this.operations.resume({ operator: tokenHolder }));
  }
}

function kindOf(kind: unknown): TargetKind | undefined {
  if (kind === undefined) return undefined;
  if (typeof kind !== 'string' || !(kind in targetKinds))
    throw new BadRequestException(`kind must be one of ${Object.keys(targetKinds).join(', ')}`);
  return kind as TargetKind;
}

function kindField(kind: unknown): { kind?: TargetKind } {
  const parsed = kindOf(kind);
  return parsed ? { kind: parsed } : {};
}

/** A command's result, or its refusal as the HTTP status that means the same. */
export function resultOf<T>(answer: OperatorAnswer<T>): T {
  if (answer.ok) return answer.result;
  const { code, reason } = answer.refusal;
  const errors: Record<typeof code, new (message: string) => HttpException> = {
    invalid: BadRequestException,
    stale: ConflictException,
    notFound: NotFoundException,
    conflict: ConflictException,
    unavailable: ServiceUnavailableException,
    internal: InternalServerErrorException,
  };
  throw new errors[code](reason);
}

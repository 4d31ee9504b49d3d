import { z } from 'zod';

/**
 * Operator commands (issue 15): NATS request/reply, not JetStream. The console sends a request on a command's
 * subject and the owning service answers it. Every request names the signed-in operator, for the audit line the
 * answering service writes. Subjects read `operator.<entity>.<action>`; like every subject they are namespaced by
 * the deployment's Topology.
 */
export interface OperatorCommandDefinition<
  Name extends string = string,
  Request extends z.ZodType = z.ZodType,
  Result extends z.ZodType = z.ZodType,
> {
  /** The PascalCase of the subject's tokens: `operator.deletions.preview` ↔ `OperatorDeletionsPreview`. */
  readonly name: Name;
  readonly subject: string;
  /** The service that answers it. */
  readonly answeredBy: 'genesys-delivery' | 'object-mapping' | 'cic-ingestion' | 'historical-upload';
  /**
   * `one`: a queue group, so one instance of the service answers (state changes, reads of shared tables).
   * `every`: every instance answers (status of the process itself); the console collects the answers.
   */
  readonly answeredByEvery: boolean;
  /** It changes what the service does: the service writes an audit line for each one (refusals always). */
  readonly changesState: boolean;
  readonly request: Request;
  readonly result: Result;
}

export function defineOperatorCommand<
  Name extends string,
  Request extends z.ZodType,
  Result extends z.ZodType,
>(
  definition: OperatorCommandDefinition<Name, Request, Result>,
): OperatorCommandDefinition<Name, Request, Result> {
  return Object.freeze(definition);
}

/** Limits on what a request may carry: a command is small, whatever a client sends. */
export const operatorLimits = {
  /** Longest operator name, CIC id, run id or preview id. */
  text: 256,
  /** Most items one list answer carries (dry-run plan, preview, quarantine list): the rest are counted. */
  items: 1000,
  /** Largest request, in bytes, a service reads (anything larger is refused unparsed). */
  requestBytes: 16 * 1024,
} as const;

const text = z.string().min(1).max(operatorLimits.text);

/** What every request carries: who asks (the signed-in operator's name, for the audit line). */
export const operatorRequestBase = z.object({ operator: text });

/** The fields every command's request has beside its own. */
export function operatorRequest<Shape extends z.ZodRawShape>(shape: Shape) {
  return operatorRequestBase.extend(shape).strict();
}

/** Why a command was refused; the console shows `reason` as it is. */
export const operatorRefusalCodeSchema = z.enum([
  /** The request does not parse; `field` names the field. */
  'invalid',
  /** The preview or the state a command was based on has changed; ask again. */
  'stale',
  /** The record or run named does not exist; `record` names it. */
  'notFound',
  /** The command conflicts with what is going on (a reprovision already running). */
  'conflict',
  /** Another service the command needs did not answer. */
  'unavailable',
  /** The service failed; its log has the details. */
  'internal',
]);
export type OperatorRefusalCode = z.infer<typeof operatorRefusalCodeSchema>;

export const operatorRefusalSchema = z.object({
  code: operatorRefusalCodeSchema,
  reason: z.string(),
  /** The request field at fault (`kind`, `previewId`, …). */
  field: z.string().optional(),
  /** The record at fault, `<kind>:<CIC id>` or a run id. */
  record: z.string().optional(),
});
export type OperatorRefusal = z.infer<typeof operatorRefusalSchema>;

/** Every answer: `ok` with the command's result, or a refusal. */
export function operatorAnswerSchema<Result extends z.ZodType>(result: Result) {
  return z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), result }),
    z.object({ ok: z.literal(false), refusal: operatorRefusalSchema }),
  ]);
}

export type OperatorAnswer<Result> =
  { readonly ok: true; readonly result: Result } | { readonly ok: false; readonly refusal: OperatorRefusal };

export type OperatorRequestOf<C extends OperatorCommandDefinition> = z.infer<C['request']>;
export type OperatorResultOf<C extends OperatorCommandDefinition> = z.infer<C['result']>;

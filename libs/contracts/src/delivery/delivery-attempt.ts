import { z } from 'zod';

/** How many of an attempt's Genesys requests an outcome carries: the newest, so a record's history stays small. */
export const ATTEMPT_CALLS_KEPT = 20;

/**
 * One request to Genesys Cloud and its answer, as an operator reads them on a record's page. `request` and
 * `answer` are summaries that never hold a secret: the query, the names of the body's fields (or the fields a
 * PATCH replaces), and the id, item count or error of the answer. `status` 0: no answer came (a timeout).
 */
export const attemptCallSchema = z.object({
  method: z.string().min(1).max(10),
  path: z.string().min(1).max(500),
  request: z.string().max(500).optional(),
  status: z.number().int().min(0).max(999),
  answer: z.string().max(500).optional(),
  durationMs: z.number().int().min(0),
});
export type AttemptCall = z.infer<typeof attemptCallSchema>;

/**
 * One delivery attempt of a record: its number (1 for the first after the last success, counting failures), the
 * newest of its Genesys requests in the order they went out, and how many earlier ones were left out.
 */
export const deliveryAttemptSchema = z.object({
  number: z.number().int().positive(),
  calls: z.array(attemptCallSchema).max(ATTEMPT_CALLS_KEPT),
  omittedCalls: z.number().int().positive().optional(),
});
export type DeliveryAttempt = z.infer<typeof deliveryAttemptSchema>;

/** The attempt an outcome carries: the newest requests when there were more than it keeps. */
export function deliveryAttemptOf(number: number, calls: readonly AttemptCall[]): DeliveryAttempt {
  const omitted = calls.length - ATTEMPT_CALLS_KEPT;
  return omitted > 0
    ? { number, calls: calls.slice(omitted), omittedCalls: omitted }
    : { number, calls: [...calls] };
}

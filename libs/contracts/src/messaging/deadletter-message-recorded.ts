import { z } from 'zod';
import { defineEvent } from '../envelope';

/**
 * A consumer gave up on a message: it failed validation, or failed on every one of the allowed deliveries.
 * Published by libs/messaging on behalf of the consumer; the original stays in its stream for replay.
 */
export const DeadletterMessageRecorded = defineEvent({
  type: 'DeadletterMessageRecorded',
  formerTypes: ['DeadLetterRecorded'],
  schemaVersion: 1,
  subject: 'deadletter.message.recorded',
  stream: 'DEADLETTER',
  schema: z.object({
    consumer: z.string().min(1),
    stream: z.string().min(1),
    streamSequence: z.number().int().nonnegative(),
    subject: z.string().min(1),
    deliveryCount: z.number().int().positive(),
    reason: z.enum(['invalidMessage', 'maxDeliveriesReached']),
    error: z.string(),
    /** The message body as received, cut to 64 KiB. */
    payload: z.string(),
  }),
});

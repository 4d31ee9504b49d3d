import { defineEvent } from '../envelope';
import { reprovisionProgressSchema } from '../operator/reprovision-commands';

/**
 * Where a reprovision run stands (issue 15). Published by genesys-delivery while a run is going on, whenever its
 * progress changed (at most every couple of seconds), and once more when it finishes; DELIVERY keeps the newest
 * per run: `delivery.reprovision.progressed.<run id>`. The message id is derived from the progress itself, so
 * several instances publishing the same progress store it once. `OperatorReprovisionProgress` answers the same
 * on request.
 */
export const DeliveryReprovisionProgressed = defineEvent({
  type: 'DeliveryReprovisionProgressed',
  schemaVersion: 1,
  subject: 'delivery.reprovision.progressed',
  stream: 'DELIVERY',
  schema: reprovisionProgressSchema,
  key: (data: { runId: string }) => data.runId,
});

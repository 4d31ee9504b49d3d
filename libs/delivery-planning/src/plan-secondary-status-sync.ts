import type { DesiredSecondaryStatus } from '@bridge/contracts';
import type { ActualSecondaryStatus } from './genesys-state';
import type { SecondaryStatusOperation } from './operations';

/**
 * The call that makes a secondary status match its CIC status message: create it, update its name and system
 * presence in one PUT, or deactivate it once the status message is gone (as the EX external-platform sync does).
 */
export function planSecondaryStatusSync(
  desired: DesiredSecondaryStatus | undefined,
  actual: ActualSecondaryStatus | undefined,
): SecondaryStatusOperation[] {
  if (!desired) {
    if (!actual) return [];
    return [
      {
        type: 'deactivateSecondaryStatus',
        status: { name: actual.name, systemPresence: actual.systemPresence },
      },
    ];
  }
  if (!actual) return [{ type: 'createSecondaryStatus', status: desired }];
  if (actual.name === desired.name && actual.systemPresence === desired.systemPresence) return [];
  return [{ type: 'updateSecondaryStatus', status: desired }];
}

/**
 * Runs `work` while renewing the leases it holds every third of the lease: work paced by the org's budget may
 * outlast a lease, and a lease run out lets another instance claim the same rows and repeat their calls.
 */
export async function whileRenewing<T>(
  leaseMs: number,
  renew: () => Promise<void>,
  renewalFailed: (error: unknown) => void,
  work: () => Promise<T>,
): Promise<T> {
  const renewal = setInterval(() => {
    renew().catch(renewalFailed);
  }, leaseMs / 3);
  try {
    return await work();
  } finally {
    clearInterval(renewal);
  }
}

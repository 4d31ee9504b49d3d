/** The first nats-server release whose pull consumers go past a redelivered message the stream no longer has. */
const firstFixed = [2, 11, 0] as const;

/**
 * A warning for a NATS server older than 2.11, or nothing. Before 2.11 a pull consumer stops at a pending message
 * its stream has dropped (nats-server commit 090fd64, "Consumer slowdown when redelivering deleted message"), and
 * after a broker restart or crash MAPPING's consumers can hold such messages: changes then wait minutes
 * (docs/operations.md). The version is the one the server announced when the connection was made.
 */
export function brokerVersionWarning(version: string | undefined): string | undefined {
  const parts = /^v?(\d+)\.(\d+)\.(\d+)/
    .exec(version ?? '')
    ?.slice(1)
    .map(Number);
  if (!parts) return undefined;
  const older = firstFixed.findIndex((fixed, i) => parts[i] !== fixed);
  if (older === -1 || (parts[older] ?? 0) > (firstFixed[older] ?? 0)) return undefined;
  return (
    `NATS server ${version} is older than 2.11: after a broker restart its consumers can stall for minutes at ` +
    'a redelivery the stream has dropped; upgrade NATS to 2.11 or later (docs/operations.md)'
  );
}

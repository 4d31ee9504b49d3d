/**
 * Local operator accounts (`CONSOLE_OPERATORS`), for sites that do not sign operators in through CIC. Each is
 * `name=scrypt:<N>:<r>:<p>:<salt>:<hash>` (salt and hash base64), as apps/console/src/hash-password.ts prints it;
 * the console never holds a password in clear.
 */
export interface ScryptHash {
  readonly cost: number;
  readonly blockSize: number;
  readonly parallelization: number;
  readonly salt: Uint8Array;
  readonly hash: Uint8Array;
}

export interface OperatorAccount {
  readonly name: string;
  readonly password: ScryptHash;
}

const NAME = /^[A-Za-z0-9._@-]{1,64}$/;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

function base64(text: string): Uint8Array | undefined {
  return BASE64.test(text) ? Uint8Array.from(Buffer.from(text, 'base64')) : undefined;
}

/** Parses one `scrypt:N:r:p:salt:hash`, or says what is wrong with it (never echoing the hash). */
export function parseScryptHash(text: string): ScryptHash | string {
  const [scheme, n, r, p, salt, hash, ...rest] = text.split(':');
  if (scheme !== 'scrypt' || rest.length > 0 || hash === undefined)
    return 'expected scrypt:<N>:<r>:<p>:<salt>:<hash>';
  const [cost, blockSize, parallelization] = [n, r, p].map(Number);
  if (!cost || cost < 2 ** 14 || (cost & (cost - 1)) !== 0)
    return 'N must be a power of two of at least 16384';
  if (!blockSize || !Number.isInteger(blockSize) || !parallelization || !Number.isInteger(parallelization))
    return 'r and p must be positive integers';
  const saltBytes = base64(salt ?? '');
  const hashBytes = base64(hash);
  if (!saltBytes || saltBytes.length < 16) return 'the salt must be at least 16 bytes, in base64';
  if (!hashBytes || hashBytes.length < 32) return 'the hash must be at least 32 bytes, in base64';
  return { cost, blockSize, parallelization, salt: saltBytes, hash: hashBytes };
}

/** Parses `CONSOLE_OPERATORS` (comma-separated `name=hash`); problems name the account, never the hash. */
export function parseOperatorAccounts(text: string): { accounts: OperatorAccount[]; problems: string[] } {
  const accounts: OperatorAccount[] = [];
  const problems: string[] = [];
  const entries = text
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  entries.forEach((entry, index) => {
    const at = entry.indexOf('=');
    const name = at > 0 ? entry.slice(0, at) : '';
    if (!NAME.test(name)) {
      problems.push(`entry ${index + 1}: expected name=scrypt:…, the name of letters, digits and ._@-`);
      return;
    }
    if (accounts.some((account) => account.name.toLowerCase() === name.toLowerCase())) {
      problems.push(`${name}: named twice`);
      return;
    }
    const password = parseScryptHash(entry.slice(at + 1));
    if (typeof password === 'string') problems.push(`${name}: ${password}`);
    else accounts.push({ name, password });
  });
  return { accounts, problems };
}

/** The account of a name, case ignored (names are compared as CIC compares user ids). */
export function accountNamed(
  accounts: readonly OperatorAccount[],
  name: string,
): OperatorAccount | undefined {
  const wanted = name.trim().toLowerCase();
  return accounts.find((account) => account.name.toLowerCase() === wanted);
}

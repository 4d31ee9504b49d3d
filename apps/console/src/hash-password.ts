import { randomBytes } from 'node:crypto';
import { hashPassword } from './auth/password-check';

/**
 * Prints the CONSOLE_OPERATORS entry of a local operator account: `name=scrypt:…`. The password is read from
 * standard input (never an argument, which `ps` and shell history would keep):
 * `printf %s "$PASSWORD" | node -r @swc-node/register apps/console/src/hash-password.ts ops`.
 */
async function main(): Promise<void> {
  const name = process.argv[2] ?? '';
  if (!/^[A-Za-z0-9._@-]{1,64}$/.test(name)) {
    process.stderr.write('usage: hash-password <name>  (the password on standard input)\n');
    process.exit(2);
  }
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const password = Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
  if (password.length < 12) {
    process.stderr.write('the password must have at least 12 characters\n');
    process.exit(2);
  }
  process.stdout.write(`${name}=${await hashPassword(password, randomBytes(16))}\n`);
}

void main();

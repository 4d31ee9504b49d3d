import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSigningKeys } from '../src/signing-keys';

// Sandbox key generation on a real file system.

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sso-idp-keys-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

it('warns whenever it generates a sandbox key pair, and reuses the pair quietly afterwards', () => {
  const warnings: unknown[] = [];
  const sources = {
    sandbox: true,
    productionSigns: [],
    dataDir: dir,
    subject: 'idp.test',
    logger: { warn: (fields: unknown) => void warnings.push(fields) },
  };
  const first = loadSigningKeys(sources);
  expect(warnings).toEqual([
    { key: join(dir, 'signing-key.pem'), certificate: join(dir, 'signing-cert.pem') },
    { key: join(dir, 'next-signing-key.pem'), certificate: join(dir, 'next-signing-cert.pem') },
  ]);
  expect(statSync(join(dir, 'signing-key.pem')).mode & 0o777).toBe(0o600);
  expect(loadSigningKeys(sources)).toEqual(first);
  expect(warnings).toHaveLength(2);
});

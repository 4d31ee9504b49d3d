import { execFileSync, spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '../../..');

/** Probe files placed in projects and linted once, as `npm run lint` would lint them. */
const probes = {
  ioInContracts: [
    'libs/contracts/src/boundary-probe-io.ts',
    "import { Client } from 'pg';\nexport const probe = Client;\n",
  ],
  contractsInSimulator: [
    'apps/cic-simulator/src/boundary-probe-contracts.ts',
    "import { streams } from '@bridge/contracts';\nexport const probe = streams;\n",
  ],
  testingInApp: [
    'apps/object-mapping/src/boundary-probe-testing.ts',
    "import { freePort } from '@bridge/testing';\nexport const probe = freePort;\n",
  ],
  sharedLibInApp: [
    'apps/object-mapping/src/boundary-probe-shared.ts',
    "import { streams } from '@bridge/contracts';\nexport const probe = streams;\n",
  ],
} as const;

let messages: Record<keyof typeof probes, string>;

beforeAll(() => {
  // The boundary rule reads Nx's project graph; compute it as `npm run lint` does.
  execFileSync(join(root, 'node_modules/.bin/nx'), ['show', 'projects'], {
    cwd: root,
    env: { ...process.env, NX_DAEMON: 'false' },
    stdio: 'ignore',
  });
  for (const [path, source] of Object.values(probes)) writeFileSync(join(root, path), source);
  try {
    const run = spawnSync(
      join(root, 'node_modules/.bin/eslint'),
      ['--format', 'json', ...Object.values(probes).map(([path]) => path)],
      { cwd: root, encoding: 'utf8' },
    );
    const results = JSON.parse(run.stdout) as {
      filePath: string;
      messages: { ruleId: string; message: string }[];
    }[];
    const of = (path: string) =>
      (results.find((r) => r.filePath.endsWith(path))?.messages ?? [])
        .map((m) => `${m.ruleId}: ${m.message}`)
        .join('\n');
    messages = Object.fromEntries(
      Object.entries(probes).map(([name, [path]]) => [name, of(path)]),
    ) as typeof messages;
  } finally {
    for (const [path] of Object.values(probes)) rmSync(join(root, path));
  }
});

describe('module boundaries', () => {
  it('keeps I/O libraries out of the contracts', () => {
    expect(messages.ioInContracts).toMatch(/@nx\/enforce-module-boundaries/);
  });

  it('keeps simulators from importing our contracts', () => {
    expect(messages.contractsInSimulator).toMatch(/type:simulator/);
  });

  it('keeps libs/testing out of production code', () => {
    expect(messages.testingInApp).toMatch(/test files only/);
  });

  it('accepts an app importing a shared lib', () => {
    expect(messages.sharedLibInApp).toBe('');
  });
});

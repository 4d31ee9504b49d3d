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
  otherServiceLibInApp: [
    'apps/object-mapping/src/boundary-probe-scope.ts',
    "import * as planning from '@bridge/delivery-planning';\nexport const probe = planning;\n",
  ],
  otherServiceLibInDomainLib: [
    'libs/saml-idp/src/boundary-probe-scope.ts',
    "import * as mapping from '@bridge/mapping';\nexport const probe = mapping;\n",
  ],
  cicLibInSsoIdp: [
    'apps/sso-idp/src/boundary-probe-cic.ts',
    "import * as icws from '@bridge/icws-client';\nexport const probe = icws;\n",
  ],
  httpClientInDomainLib: [
    'libs/mapping/src/boundary-probe-io.ts',
    "import * as axios from 'axios';\nexport const probe = axios;\n",
  ],
  nodeIoInDomainLib: [
    'libs/delivery-planning/src/boundary-probe-io.ts',
    "import { spawn } from 'node:child_process';\nexport const probe = spawn;\n",
  ],
  subjectLiteralInApp: [
    'apps/genesys-delivery/src/boundary-probe-subject.ts',
    "export const probe = 'mapping.>';\n",
  ],
  subjectTemplateInTest: [
    'apps/object-mapping/test/boundary-probe-subject.ts',
    'export const probe = (kind: string) => `cic.${kind}.changed`;\n',
  ],
  looseEqualityInTool: ['tools/boundary-probe.mjs', 'export const probe = process.argv.length == 2;\n'],
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

  it("keeps a service from importing another service's libs", () => {
    expect(messages.otherServiceLibInApp).toMatch(
      /A project tagged with "scope:object-mapping" can only depend on libs tagged with/,
    );
    expect(messages.otherServiceLibInDomainLib).toMatch(
      /A project tagged with "scope:sso-idp" can only depend on libs tagged with/,
    );
  });

  it('lets sso-idp use the libs that speak ICWS (scope:cic)', () => {
    expect(messages.cicLibInSsoIdp).toBe('');
  });

  it('keeps HTTP clients and Node I/O modules out of the domain libs', () => {
    expect(messages.httpClientInDomainLib).toMatch(/"type:domain" is not allowed to import "axios"/);
    expect(messages.nodeIoInDomainLib).toMatch(/'node:child_process' import is restricted.*Pure libs/);
  });

  it('keeps subjects out of code and tests outside the contracts', () => {
    expect(messages.subjectLiteralInApp).toMatch(/Subjects are spelled only in libs\/contracts/);
    expect(messages.subjectTemplateInTest).toMatch(/Subjects are spelled only in libs\/contracts/);
  });

  it('lints the scripts in tools/ too', () => {
    expect(messages.looseEqualityInTool).toMatch(/eqeqeq/);
  });
});

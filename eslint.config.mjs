import js from '@eslint/js';
import nx from '@nx/eslint-plugin';
import eslintConfigPrettier from 'eslint-config-prettier';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import tseslint from 'typescript-eslint';

// Node's modules that reach outside the process, in both spellings ('fs' and 'node:fs').
const nodeIoModules = [
  'fs',
  'fs/promises',
  'http',
  'https',
  'http2',
  'net',
  'tls',
  'dgram',
  'dns',
  'child_process',
  'cluster',
  'worker_threads',
].flatMap((name) => [name, `node:${name}`]);

// Libraries that do I/O, bind a framework or render and sign XML. Pure libs (contracts, domain) may import none
// of them, so their rules stay testable without NATS, Postgres, HTTP or a Nest container (docs/architecture.md).
const ioLibraries = [
  '@nestjs/*',
  '@nats-io/*',
  '@opentelemetry/*',
  '@testcontainers/*',
  'typeorm',
  'pg',
  'express',
  'pino',
  'pino-http',
  'prom-client',
  'reflect-metadata',
  'purecloud-platform-client-v2',
  'axios',
  'superagent',
  'supertest',
  'undici',
  'testcontainers',
  'playwright-core',
  'samlify',
  '@node-saml/*',
  '@xmldom/*',
  'xml*',
  'xpath',
  'node-forge',
];

// Nx's rule does not look at Node's built-in modules, so the pure libs ban those by path: every lib whose
// project.json tags it `type:domain` or `type:contracts`.
const pureLibs = readdirSync(join(import.meta.dirname, 'libs')).filter((lib) => {
  const { tags } = JSON.parse(readFileSync(join(import.meta.dirname, 'libs', lib, 'project.json'), 'utf8'));
  return tags.includes('type:domain') || tags.includes('type:contracts');
});

// The scopes each scope may use besides its own and `shared`: services share nothing but the shared libs.
// `cic` holds what speaks ICWS (libs/cic-sync, libs/icws-client), used by the two services that talk to CIC:
// cic-ingestion, sso-idp, which looks the signing-in user up in the CIC directory, and console, which asks CIC
// whether an operator signing in is an administrator. scope:e2e drives every service from outside and is left to
// its type rule. historical-upload calls the same org as genesys-delivery and spends the org's one rate budget, so
// it uses that scope's Genesys client and rate budget (ADR 0009).
const scopeDependencies = {
  shared: [],
  cic: [],
  'cic-ingestion': ['cic'],
  'sso-idp': ['cic'],
  console: ['cic'],
  'object-mapping': [],
  'genesys-delivery': [],
  'historical-upload': ['genesys-delivery'],
  sim: [],
};

// A subject (`cic.user.changed`, `operator.sync.pause`) or filter (`mapping.>`) spelled outside libs/contracts.
// Subjects come from the contracts (an event definition's `subject`, `subjectOf`, `subjectFilterOf`, an operator
// command's `subject`), so a rename cannot miss a consumer.
const subjectPattern = '(cic|mapping|delivery|deadletter|operator)\\.';
const subjectMessage =
  "Subjects are spelled only in libs/contracts: use subjectFilterOf(stream), a definition's subject or subjectOf.";

// What the scripts in tools/ use of Node's globals (they are linted as plain JavaScript, without types).
const toolGlobals = Object.fromEntries(
  ['process', 'console', 'URL', 'fetch', 'setTimeout', 'clearTimeout', 'module', 'require', '__dirname'].map(
    (name) => [name, 'readonly'],
  ),
);

export default [
  {
    ignores: [
      '**/node_modules',
      '**/dist',
      '**/tmp',
      '**/coverage',
      '**/*.js',
      '**/*.mjs',
      '**/*.cjs',
      '!tools/*.js',
      '!tools/*.mjs',
    ],
  },
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...tseslint.configs.recommendedTypeChecked.map((config) => ({ ...config, files: ['**/*.ts'] })),
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
  },
  {
    files: ['tools/*.js', 'tools/*.mjs'],
    languageOptions: { globals: toolGlobals },
    rules: { ...js.configs.recommended.rules, eqeqeq: ['error', 'always'] },
  },
  {
    // The Jest reporter is loaded by Jest's require().
    files: ['tools/*.js'],
    languageOptions: { sourceType: 'commonjs' },
  },
  {
    files: ['**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [
            { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: [], allowedExternalImports: ['zod'] },
            {
              sourceTag: 'type:domain',
              onlyDependOnLibsWithTags: ['type:contracts', 'type:domain'],
              bannedExternalImports: ioLibraries,
            },
            {
              sourceTag: 'type:infra',
              onlyDependOnLibsWithTags: ['type:contracts', 'type:infra', 'type:testing'],
            },
            {
              sourceTag: 'type:client',
              onlyDependOnLibsWithTags: ['type:contracts', 'type:domain', 'type:infra'],
            },
            { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:contracts', 'type:infra'] },
            {
              sourceTag: 'type:app',
              onlyDependOnLibsWithTags: [
                'type:contracts',
                'type:domain',
                'type:infra',
                'type:client',
                'type:testing',
              ],
            },
            // Simulators model the vendors' APIs from their documents alone: sharing our contracts or clients
            // would let a wrong field name agree with itself.
            { sourceTag: 'type:simulator', onlyDependOnLibsWithTags: ['type:infra', 'type:testing'] },
            {
              sourceTag: 'type:e2e',
              onlyDependOnLibsWithTags: [
                'type:contracts',
                'type:infra',
                'type:testing',
                'type:app',
                'type:simulator',
              ],
            },
            ...Object.entries(scopeDependencies).map(([scope, others]) => ({
              sourceTag: `scope:${scope}`,
              onlyDependOnLibsWithTags: [...new Set(['shared', scope, ...others])].map((s) => `scope:${s}`),
            })),
          ],
        },
      ],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always'],
      'no-console': 'error',
    },
  },
  {
    // Nest wires classes by decorators; these rules misread injected constructor parameters and empty modules.
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-extraneous-class': 'off',
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    files: ['**/*.ts'],
    ignores: ['**/*.spec.ts', '**/test/**', 'libs/testing/**', 'bench/**', 'apps/e2e/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: '@bridge/testing', message: 'libs/testing is for test files only.' }] },
      ],
    },
  },
  {
    files: pureLibs.map((lib) => `libs/${lib}/**/*.ts`),
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: nodeIoModules.map((name) => ({
            name,
            message: 'Pure libs (type:domain, type:contracts) do no I/O: the app passes them plain values.',
          })),
        },
      ],
    },
  },
  {
    files: ['**/*.ts'],
    ignores: ['libs/contracts/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: `Literal[value=/^${subjectPattern}[a-z>*]/]`, message: subjectMessage },
        {
          selector: `TemplateLiteral > TemplateElement:first-child[value.raw=/^${subjectPattern}/]`,
          message: subjectMessage,
        },
      ],
    },
  },
  {
    files: ['**/*.spec.ts', '**/test/**/*.ts', 'bench/**/*.ts', 'tools/**/*.ts'],
    rules: {
      '@typescript-eslint/unbound-method': 'off',
      'no-console': 'off',
    },
  },
  eslintConfigPrettier,
];

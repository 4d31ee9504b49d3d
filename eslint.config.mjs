import nx from '@nx/eslint-plugin';
import eslintConfigPrettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

// Libraries that do I/O or bind a framework. Pure libs (contracts, domain) may import none of them, so their
// rules stay testable without NATS, Postgres or a Nest container (docs/architecture.md).
const ioLibraries = [
  '@nestjs/*',
  '@nats-io/*',
  '@opentelemetry/*',
  'typeorm',
  'pg',
  'express',
  'pino',
  'purecloud-platform-client-v2',
  'fs',
  'node:fs',
  'http',
  'node:http',
  'https',
  'node:https',
  'net',
  'node:net',
];

const appScopes = [
  'cic-ingestion',
  'object-mapping',
  'genesys-delivery',
  'sso-idp',
  'historical-upload',
  'console',
];

export default [
  { ignores: ['**/node_modules', '**/dist', '**/tmp', '**/coverage', '**/*.js', '**/*.mjs', '**/*.cjs'] },
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
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
            // Services share nothing but the shared libs; each keeps its own scope.
            ...appScopes.map((scope) => ({
              sourceTag: `scope:${scope}`,
              onlyDependOnLibsWithTags: ['scope:shared', `scope:${scope}`],
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
    files: ['**/*.spec.ts', '**/test/**/*.ts', 'bench/**/*.ts', 'tools/**/*.ts'],
    rules: {
      '@typescript-eslint/unbound-method': 'off',
      'no-console': 'off',
    },
  },
  eslintConfigPrettier,
];

// `npm test` runs every project's suite in one Jest process: unit (*.spec.ts), integration (*.int.spec.ts)
// and end-to-end (apps/e2e) alike. See docs/testing.md.
const { readdirSync, existsSync } = require('node:fs');
const { join } = require('node:path');

const projects = ['apps', 'libs'].flatMap((dir) =>
  existsSync(join(__dirname, dir))
    ? readdirSync(join(__dirname, dir))
        .map((name) => join(__dirname, dir, name))
        .filter((root) => existsSync(join(root, 'jest.config.js')))
    : [],
);

module.exports = {
  projects,
  // Integration and end-to-end suites start real processes and services; on a loaded 2-core machine their
  // hooks need more than Jest's 5 s. A global option: per-project testTimeout is ignored under `projects`.
  testTimeout: 60_000,
  // Jest's default on a 2-core machine is one worker. Integration and end-to-end suites spend most of their time
  // waiting on the processes they start, so two files at a time keep both cores busy (docs/testing.md).
  maxWorkers: 2,
  // End-to-end files first, whatever their size, so a long one does not run alone at the end (the file says why).
  testSequencer: '<rootDir>/tools/jest-sequencer.js',
  reporters: ['default', '<rootDir>/tools/jest-summary-reporter.js'],
};

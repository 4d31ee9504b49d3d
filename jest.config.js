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
  reporters: ['default', '<rootDir>/tools/jest-summary-reporter.js'],
};

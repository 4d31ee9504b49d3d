// Before any suite: the services that tests start as processes run compiled, as `npm start` and the image run
// them, built here once from the sources the suites sit beside, so no test runs stale code and no process pays
// for compiling TypeScript as it loads. BRIDGE_RUN=source starts them from the sources instead.
const { execFileSync } = require('node:child_process');
const { join } = require('node:path');

module.exports = async function buildServices() {
  if (process.env.BRIDGE_RUN === 'source') return;
  execFileSync(process.execPath, [join(__dirname, 'build.mjs')], { stdio: 'inherit' });
  process.env.BRIDGE_RUN = 'dist';
};

// `npm run bench`: runs every bench/*/*.bench.ts in turn, each in its own process, and prints its table.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const only = process.argv[2];
const benches = readdirSync(__dirname, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && (!only || entry.name === only))
  .flatMap((dir) =>
    readdirSync(join(__dirname, dir.name))
      .filter((file) => file.endsWith('.bench.ts'))
      .map((file) => join(__dirname, dir.name, file)),
  );
let failed = 0;
for (const bench of benches) {
  console.log(`\n# ${bench.slice(__dirname.length + 1)}`);
  const result = spawnSync(process.execPath, ['-r', '@swc-node/register', bench], { stdio: 'inherit' });
  if (result.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);

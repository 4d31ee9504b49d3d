// The order `npm test` starts its files in. Jest's own order runs the longest files first when its cache knows how
// long they took, and the largest first when it does not: on a fresh clone (CI) it does not, and size says little
// here, a long end-to-end file being shorter than many unit files. An end-to-end file that starts late then runs
// alone on one worker after the other has finished everything else. So files start by kind, the kinds that start
// processes first: end to end, then integration and the repository checks, then unit; within a kind, by Jest's
// recorded durations when it has both, else by size. Failed files still go first, as in Jest's own order.
const Sequencer = require('@jest/test-sequencer').default;
const { basename, sep } = require('node:path');

const e2eDirectory = `${sep}apps${sep}e2e${sep}`;

/** 0 for end to end, 1 for integration and the repository checks (ESLint, Nx, kubectl), 2 for unit. */
function kindOf(path) {
  const name = basename(path);
  if (name.endsWith('.e2e.spec.ts')) return 0;
  if (name.endsWith('.int.spec.ts') || path.includes(e2eDirectory)) return 1;
  return 2;
}

class KindFirstSequencer extends Sequencer {
  sort(tests) {
    const sizes = new Map();
    const sizeOf = (test) => {
      if (!sizes.has(test.path)) sizes.set(test.path, test.context.hasteFS.getSize(test.path) ?? 0);
      return sizes.get(test.path);
    };
    for (const test of tests) test.duration = this.time(test);
    return [...tests].sort((a, b) => {
      const failed = Number(this.hasFailed(b)) - Number(this.hasFailed(a));
      if (failed !== 0) return failed;
      const kind = kindOf(a.path) - kindOf(b.path);
      if (kind !== 0) return kind;
      if (a.duration !== undefined && b.duration !== undefined) return b.duration - a.duration;
      return sizeOf(b) - sizeOf(a);
    });
  }
}

module.exports = KindFirstSequencer;

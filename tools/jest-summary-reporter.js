// Prints the plain closing line CI reads ("N passed, N failed, N skipped"), which Jest's own summary is not,
// after the slowest files: the suite has a time budget (docs/testing.md) and CI keeps only its output.
const { relative } = require('node:path');

const SLOWEST = 10;

class JestSummaryReporter {
  onRunComplete(_contexts, results) {
    const { numPassedTests, numFailedTests, numPendingTests, numTodoTests } = results;
    const slowest = results.testResults
      .map((file) => ({
        path: relative(process.cwd(), file.testFilePath),
        ms: file.perfStats.end - file.perfStats.start,
      }))
      .sort((a, b) => b.ms - a.ms)
      .slice(0, SLOWEST)
      .map(({ path, ms }) => `  ${(ms / 1000).toFixed(1).padStart(6)} s  ${path}`);
    process.stdout.write(`\nslowest files:\n${slowest.join('\n')}\n`);
    process.stdout.write(
      `\n${numPassedTests} passed, ${numFailedTests} failed, ${numPendingTests + numTodoTests} skipped\n`,
    );
  }
}
module.exports = JestSummaryReporter;

// Ends the run with one plain line, 'N passed, N failed, N skipped', that CI systems read regardless of
// runner. Printed on exit so that it comes after jest's own summary (stdout writes are synchronous on Linux).
class SummaryReporter {
  onRunComplete(_contexts, results) {
    const line = `${results.numPassedTests} passed, ${results.numFailedTests} failed, ` +
      `${results.numPendingTests + results.numTodoTests} skipped\n`;
    process.once('exit', () => process.stdout.write(line));
  }
}
module.exports = SummaryReporter;

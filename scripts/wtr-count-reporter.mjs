// A web-test-runner reporter that writes the totals, as JSON, to $WEERBAAR_TEST_COUNTS for
// scripts/test.mjs to add up (web-test-runner prints its own counts only with ANSI colours).
import { writeFileSync } from 'node:fs';

function countSuite(suite, totals) {
  for (const test of suite.tests ?? []) {
    if (test.skipped) totals.skipped++;
    else if (test.passed) totals.passed++;
    else totals.failed++;
  }
  for (const child of suite.suites ?? []) countSuite(child, totals);
}

export function countReporter() {
  return {
    onTestRunFinished({ sessions }) {
      const totals = { passed: 0, failed: 0, skipped: 0 };
      for (const session of sessions) {
        if (session.testResults) countSuite(session.testResults, totals);
        // A file that failed to load or threw outside a test has errors but maybe no tests.
        if ((session.errors?.length ?? 0) > 0 || (!session.passed && !session.testResults)) totals.failed++;
      }
      if (process.env.WEERBAAR_TEST_COUNTS) writeFileSync(process.env.WEERBAAR_TEST_COUNTS, JSON.stringify(totals));
    },
  };
}

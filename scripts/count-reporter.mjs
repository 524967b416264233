// A node:test reporter that writes only the totals, as JSON, for scripts/test.mjs to add up.
// Suites (describe) are not counted; their tests are. A file that fails to load counts as failed.
export default async function* countReporter(source) {
  const totals = { passed: 0, failed: 0, skipped: 0 };
  for await (const event of source) {
    if (event.type !== 'test:pass' && event.type !== 'test:fail') continue;
    if (event.data.details?.type === 'suite') continue;
    if (event.data.skip !== undefined || event.data.todo !== undefined) totals.skipped++;
    else if (event.type === 'test:pass') totals.passed++;
    else totals.failed++;
  }
  yield `${JSON.stringify(totals)}\n`;
}

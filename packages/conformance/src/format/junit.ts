// The report as JUnit XML, so that CI systems show each check as a test case.
import type { CheckResult, ConformanceReport } from '../types.js';
import { escapeMarkup } from './xml.js';

function testcase(result: CheckResult): string {
  const name = escapeMarkup(`${result.id} ${result.title}`);
  const evidence = result.evidence.map((item) => `${item.request}\n\n${item.response}`).join('\n\n----\n\n');
  let body = '';
  if (result.outcome === 'failed') body = `<failure message="${escapeMarkup(result.reason)}" type="${result.severity}">${escapeMarkup(evidence)}</failure>`;
  else if (result.outcome === 'skipped') body = `<skipped message="${escapeMarkup(result.reason)}"/>`;
  else if (result.outcome === 'expected-failure') body = `<skipped message="${escapeMarkup(`expected failure: ${result.expectedFailure?.reason ?? ''}; ${result.reason}`)}"/>`;
  else if (result.outcome === 'warning') body = `<system-out>${escapeMarkup(`WARNING (SHOULD): ${result.reason}\n${evidence}`)}</system-out>`;
  return `    <testcase classname="${escapeMarkup(`${result.profile}.${result.module}`)}" name="${name}">${body}</testcase>`;
}

export function formatJunit(report: ConformanceReport): string {
  const byProfile = new Map<string, CheckResult[]>();
  for (const result of report.results) byProfile.set(result.profile, [...(byProfile.get(result.profile) ?? []), result]);
  const seconds = ((Date.parse(report.finishedAt) - Date.parse(report.startedAt)) / 1000).toFixed(3);
  const properties = [
    ['kit', `${report.kit.name} ${report.kit.version}`],
    ['contract', report.spec.apiVersion],
    ['contract.sha256', report.spec.sha256],
    ['target', report.target.baseUrl],
  ]
    .map(([name, value]) => `<property name="${escapeMarkup(name!)}" value="${escapeMarkup(value!)}"/>`)
    .join('');
  const suites = [...byProfile].map(([profile, results]) => {
    const failures = results.filter((result) => result.outcome === 'failed').length;
    const skipped = results.filter((result) => result.outcome === 'skipped' || result.outcome === 'expected-failure').length;
    return [
      `  <testsuite name="${escapeMarkup(profile)}" tests="${results.length}" failures="${failures}" errors="0" skipped="${skipped}" timestamp="${escapeMarkup(report.startedAt)}">`,
      `    <properties>${properties}</properties>`,
      ...results.map(testcase),
      '  </testsuite>',
    ].join('\n');
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="weerbaar-conformance" tests="${report.results.length}" failures="${report.summary.failed}" time="${seconds}">\n${suites.join('\n')}\n</testsuites>\n`;
}

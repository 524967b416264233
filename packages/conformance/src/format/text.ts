// The report as plain text, for a terminal or a ticket.
import type { CheckResult, ConformanceReport } from '../types.js';

const LABELS: Record<CheckResult['outcome'], string> = {
  passed: 'PASS',
  failed: 'FAIL',
  warning: 'WARN',
  skipped: 'SKIP',
  'expected-failure': 'XFAIL',
};

function indent(text: string, prefix: string): string {
  return text
    .split('\n')
    .map((line) => `${prefix}${line}`)
    .join('\n');
}

export function formatText(report: ConformanceReport): string {
  const lines: string[] = [
    `Weerbaar Reporting API conformance report`,
    `kit:      ${report.kit.name} ${report.kit.version}`,
    `contract: ${report.spec.apiVersion} (sha256 ${report.spec.sha256})`,
    `target:   ${report.target.baseUrl}${report.target.organisation ? ` (${report.target.organisation}, API ${report.target.apiVersion ?? '?'})` : ''}`,
    `time:     ${report.startedAt} – ${report.finishedAt} (${report.requests} requests)`,
    '',
    'Profiles:',
    ...report.profiles.map((profile) => `  ${profile.tested ? 'tested ' : 'skipped'} ${profile.id}${profile.reason ? ` (${profile.reason})` : ''}`),
    '',
  ];
  let module = '';
  for (const result of report.results) {
    if (result.module !== module) {
      module = result.module;
      lines.push(`[${result.profile} / ${result.module}]`);
    }
    const adr = result.adr?.length ? ` ${result.adr.join(' ')}` : '';
    lines.push(`  ${LABELS[result.outcome].padEnd(5)} ${result.id} (${result.severity}${adr}) ${result.title}`);
    lines.push(`        ${result.reason}`);
    if (result.expectedFailure) {
      lines.push(`        expected failure: ${result.expectedFailure.reason}${result.expectedFailure.nowPasses ? ' — it passes now: remove it from the list' : ''}`);
    }
    for (const evidence of result.evidence) {
      lines.push(indent(evidence.request, '        > '), indent(evidence.response, '        < '));
    }
  }
  const { summary } = report;
  lines.push(
    '',
    `${summary.passed} passed, ${summary.failed} failed, ${summary.warning} warnings, ${summary.skipped} skipped, ${summary.expectedFailure} expected failures` +
      (summary.unexpectedPass ? `, ${summary.unexpectedPass} expected failures now pass` : ''),
    report.conforms ? 'RESULT: conforms (every MUST of every tested profile passed)' : 'RESULT: does NOT conform',
    '',
  );
  return lines.join('\n');
}

// The report as one self-contained HTML file for people (a vendor hands it to a municipality):
// no scripts, no external requests, styles only in one <style> block.
import type { CheckResult, ConformanceReport } from '../types.js';
import { escapeMarkup as e } from './xml.js';

const LABELS: Record<CheckResult['outcome'], string> = {
  passed: 'passed',
  failed: 'failed',
  warning: 'warning',
  skipped: 'skipped',
  'expected-failure': 'expected failure',
};

const STYLE = `
body { font-family: system-ui, sans-serif; margin: 2rem auto; max-inline-size: 72rem; padding-inline: 1rem; color: #1a1a1a; line-height: 1.5; }
table { border-collapse: collapse; inline-size: 100%; }
th, td { border-block-end: 1px solid #ccc; padding: 0.4rem; text-align: start; vertical-align: top; }
.outcome { font-weight: bold; white-space: nowrap; }
.passed { color: #1b6e20; } .failed { color: #b00020; } .warning { color: #8a5300; } .skipped, .expected-failure { color: #555; }
.verdict { font-size: 1.3rem; padding: 0.8rem; border: 2px solid currentColor; }
pre { white-space: pre-wrap; word-break: break-all; background: #f4f4f4; padding: 0.5rem; font-size: 0.85rem; }
dt { font-weight: bold; } dd { margin-inline-start: 0; margin-block-end: 0.5rem; }
`;

function row(result: CheckResult): string {
  const evidence = result.evidence.length
    ? `<details><summary>Evidence (${result.evidence.length})</summary>${result.evidence.map((item) => `<pre>${e(item.request)}</pre><pre>${e(item.response)}</pre>`).join('')}</details>`
    : '';
  const expected = result.expectedFailure
    ? `<p>Expected failure: ${e(result.expectedFailure.reason)}${result.expectedFailure.nowPasses ? ' <strong>— passes now; remove it from the list.</strong>' : ''}</p>`
    : '';
  return `<tr id="${e(result.id)}"><td class="outcome ${result.outcome}">${LABELS[result.outcome]}</td><td><code>${e(result.id)}</code><br>${result.severity}${result.adr?.length ? `<br>${result.adr.map((rule) => `<code>${e(rule)}</code>`).join(' ')}` : ''}</td><td>${e(result.title)}<br><small>${e(result.requirement)}</small></td><td>${e(result.reason)}${expected}${evidence}</td></tr>`;
}

/** The checks that need attention, first, linked to their rows. */
function attention(report: ConformanceReport): string {
  const listed = report.results.filter((result) => result.outcome === 'failed' || result.outcome === 'warning' || result.expectedFailure);
  if (listed.length === 0) return '';
  const items = listed.map((result) => `<li><a href="#${e(result.id)}">${e(result.id)}</a> (${LABELS[result.outcome]}${result.expectedFailure?.nowPasses ? ', listed as expected failure but passes now' : ''}): ${e(result.title)}</li>`);
  return `<h2>Needs attention</h2>\n<ul>${items.join('')}</ul>`;
}

export function formatHtml(report: ConformanceReport): string {
  const { summary } = report;
  const profiles = report.profiles.map((profile) => `<li><strong>${e(profile.id)}</strong>: ${profile.tested ? 'tested' : `not tested (${e(profile.reason ?? '')})`}</li>`).join('');
  const sections = [...new Set(report.results.map((result) => result.module))].map((module) => {
    const results = report.results.filter((result) => result.module === module);
    return `<section><h2>${e(results[0]!.profile)} / ${e(module)}</h2><table><thead><tr><th>Result</th><th>Check</th><th>Requirement</th><th>Reason and evidence</th></tr></thead><tbody>${results.map(row).join('')}</tbody></table></section>`;
  });
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>Weerbaar conformance report: ${e(report.target.baseUrl)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<h1>Weerbaar Reporting API conformance report</h1>
<p class="verdict ${report.conforms ? 'passed' : 'failed'}" id="summary">${report.conforms ? 'Conforms: every MUST of every tested profile passed.' : 'Does not conform: at least one MUST failed.'}
${summary.passed} passed, ${summary.failed} failed, ${summary.warning} warnings, ${summary.skipped} skipped, ${summary.expectedFailure} expected failures${summary.unexpectedPass ? `, ${summary.unexpectedPass} expected failures now pass` : ''}.</p>
<dl>
<dt>Target</dt><dd>${e(report.target.baseUrl)}${report.target.organisation ? ` — ${e(report.target.organisation)}, API ${e(report.target.apiVersion ?? '?')}` : ''}</dd>
<dt>Kit</dt><dd>${e(report.kit.name)} ${e(report.kit.version)}</dd>
<dt>Contract</dt><dd>Weerbaar Reporting API ${e(report.spec.apiVersion)}, sha256 <code>${e(report.spec.sha256)}</code></dd>
<dt>Time</dt><dd>${e(report.startedAt)} – ${e(report.finishedAt)} (${report.requests} requests)</dd>
</dl>
${attention(report)}
<h2>Profiles</h2>
<ul>${profiles}</ul>
${sections.join('\n')}
</main>
</body>
</html>
`;
}

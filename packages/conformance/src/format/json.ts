import type { ConformanceReport } from '../types.js';

/** The report as JSON, for machines (every field of ConformanceReport). */
export function formatJson(report: ConformanceReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

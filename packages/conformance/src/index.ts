/**
 * @weerbaar/conformance — certifies that a backend honours the Weerbaar Reporting API v1.
 *
 * - `runConformance(options)`: run the kit against a backend, answers a ConformanceReport
 * - `formatText`, `formatJson`, `formatJunit`, `formatHtml`: render a report
 * - `checkRegistry()`: every check with its ID, severity, profile and module
 */
export { runConformance, BackendUnreachableError } from './run.js';
export { formatText } from './format/text.js';
export { formatJson } from './format/json.js';
export { formatJunit } from './format/junit.js';
export { formatHtml } from './format/html.js';
export { parseExpectedFailures, ExpectedFailuresError } from './expected-failures.js';
export { checkRegistry, PROFILES, type RegisteredCheck, type ProfileDefinition } from './profiles.js';
export { PROFILE_IDS } from './types.js';
export type {
  CheckDefinition,
  CheckResult,
  ConformanceOptions,
  ConformanceReport,
  Evidence,
  ExpectedFailure,
  Outcome,
  ProfileId,
  ProfileResult,
  ReportSummary,
  Severity,
} from './types.js';

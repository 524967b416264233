// The vocabulary of the kit, modelled on the OpenID conformance suite:
// profiles → modules → checks, each check naming the requirement it verifies.

/** The profiles a backend can be certified for. `core` is always tested; the others are optional capabilities. */
export const PROFILE_IDS = ['core', 'follow-up', 'attachments', 'encryption', 'case-management', 'audit', 'retention', 'case-workflow', 'access', 'statistics', 'protocols', 'dilemmas'] as const;
export type ProfileId = (typeof PROFILE_IDS)[number];

/** MUST: a failure makes the backend non-conformant. SHOULD: a failure is reported as a warning. */
export type Severity = 'MUST' | 'SHOULD';

/**
 * - `passed`, `failed`, `skipped` as usual; a failed SHOULD is a `warning`.
 * - `expected-failure`: a failure the vendor listed in `--expected-failures` (does not fail the run).
 */
export type Outcome = 'passed' | 'failed' | 'warning' | 'skipped' | 'expected-failure';

export interface CheckDefinition {
  /** Stable requirement ID, e.g. `WRA-IDEMP-02`. */
  id: string;
  /** What must hold, as a sentence. */
  title: string;
  /** Where the requirement is stated: a place in the contract. */
  requirement: string;
  /** NLGov REST API Design Rules rule IDs (e.g. `/core/version-header`) that this check also covers. */
  adr?: string[];
  severity: Severity;
}

/** One request and its answer, summarised for a report, with secrets redacted. */
export interface Evidence {
  request: string;
  response: string;
}

export interface CheckResult extends CheckDefinition {
  profile: ProfileId;
  module: string;
  outcome: Outcome;
  /** Why, in a sentence or two. */
  reason: string;
  evidence: Evidence[];
  /** Set when the check is listed in the expected-failures file. */
  expectedFailure?: { reason: string; nowPasses: boolean };
}

export interface ProfileResult {
  id: ProfileId;
  tested: boolean;
  /** Why a profile was not tested (not requested, not advertised, no handler token). */
  reason?: string;
}

export interface ReportSummary {
  passed: number;
  failed: number;
  warning: number;
  skipped: number;
  expectedFailure: number;
  /** Checks listed as expected failures that passed: the list can be shortened. */
  unexpectedPass: number;
}

export interface ConformanceReport {
  kit: { name: string; version: string };
  spec: { apiVersion: string; sha256: string };
  target: { baseUrl: string; apiVersion?: string; organisation?: string };
  startedAt: string;
  finishedAt: string;
  /** How many requests the kit sent. */
  requests: number;
  profiles: ProfileResult[];
  results: CheckResult[];
  summary: ReportSummary;
  /** True when every MUST of every tested profile passed (expected failures excepted). */
  conforms: boolean;
}

export interface ExpectedFailure {
  id: string;
  reason: string;
}

export interface ConformanceOptions {
  /** The API base, e.g. `https://meld.example.nl/v1`. */
  baseUrl: string;
  /** A handler bearer token; enables the case-management profile and read-back checks. */
  handlerToken?: string;
  /**
   * An access token of a signed-in person holding the `handler` role (contract 1.1): enables the
   * access profile's checks of exclusion. The kit grants them access to its own case, excludes
   * them, and lifts both again.
   */
  personToken?: string;
  /** An access token of a person holding only the `auditor` role: the access profile checks they read no content. */
  auditorToken?: string;
  /** The profiles to test (default: all). `core` is always included. */
  profiles?: ProfileId[];
  expectedFailures?: ExpectedFailure[];
  /** How many wrong receipts to try before expecting a `429`, sent all at once and then one after another (default 60). */
  maxGuessAttempts?: number;
  /** How many identical submissions to send at once in the concurrency check (default 5). */
  concurrentDuplicates?: number;
  /** Allowed difference between a computed and an answered deadline, in seconds (default 3600). */
  deadlineToleranceSeconds?: number;
  /** Per-request timeout in milliseconds (default 15000). */
  requestTimeoutMs?: number;
  /** An origin the backend is certainly not configured to allow (default `https://unconfigured-origin.invalid`). */
  foreignOrigin?: string;
  /**
   * Where the kit listens for the backend's webhooks (configure the backend to send them there),
   * with the shared `whsec_` secret and how long to wait for an event (default 30 s). Without it,
   * the notification checks are skipped.
   */
  webhookReceiver?: { port: number; host?: string; secret: string; waitSeconds?: number };
}

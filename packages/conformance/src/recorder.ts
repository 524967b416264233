// Collects observations per check while modules run and turns them into one outcome per check:
// any failed observation fails the check; otherwise any passed one passes it.
import type { Evidence } from './types.js';

const MAX_EVIDENCE = 3;

interface Observations {
  passes: number;
  passReason?: string;
  failures: { reason: string; evidence?: Evidence }[];
  skipReason?: string;
}

export interface Verdict {
  state: 'passed' | 'failed' | 'skipped';
  reason: string;
  evidence: Evidence[];
}

export class Recorder {
  private readonly observations = new Map<string, Observations>();

  private entry(id: string): Observations {
    let entry = this.observations.get(id);
    if (!entry) {
      entry = { passes: 0, failures: [] };
      this.observations.set(id, entry);
    }
    return entry;
  }

  /** The check held here; `reason` (when given) describes what was verified. */
  pass(id: string, reason?: string): void {
    const entry = this.entry(id);
    entry.passes++;
    if (reason) entry.passReason = reason;
  }

  fail(id: string, reason: string, evidence?: Evidence): void {
    this.entry(id).failures.push({ reason, evidence });
  }

  /** The check could not be run (a precondition failed or a capability is missing). */
  skip(id: string, reason: string): void {
    this.entry(id).skipReason ??= reason;
  }

  /** Shorthand: pass when `condition` holds, otherwise fail with `failReason`. */
  expect(id: string, condition: boolean, failReason: string, evidence?: Evidence, passReason?: string): boolean {
    if (condition) this.pass(id, passReason);
    else this.fail(id, failReason, evidence);
    return condition;
  }

  hasFailed(id: string): boolean {
    return (this.observations.get(id)?.failures.length ?? 0) > 0;
  }

  verdict(id: string): Verdict {
    const entry = this.observations.get(id);
    if (entry && entry.failures.length > 0) {
      const [first] = entry.failures;
      const more = entry.failures.length - 1;
      const evidence = entry.failures.flatMap((failure) => (failure.evidence ? [failure.evidence] : [])).slice(0, MAX_EVIDENCE);
      const distinct = [...new Set(entry.failures.map((failure) => failure.reason))];
      const reason = distinct.length > 1 ? `${distinct.slice(0, 3).join(' | ')}${distinct.length > 3 ? ' | …' : ''}` : first!.reason;
      return { state: 'failed', reason: more > 0 ? `${reason} (${entry.failures.length} failed observations)` : reason, evidence };
    }
    if (entry && entry.passes > 0) {
      return { state: 'passed', reason: entry.passReason ?? `${entry.passes} observation${entry.passes === 1 ? '' : 's'} checked`, evidence: [] };
    }
    return { state: 'skipped', reason: entry?.skipReason ?? 'not exercised: an earlier step this check depends on did not succeed', evidence: [] };
  }
}

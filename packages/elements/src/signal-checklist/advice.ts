import type { SignalChecklist } from '@weerbaar/sdk';

export type AdviceRule = SignalChecklist['overallAdvice'][number];
export type SignalTheme = SignalChecklist['themes'][number];
export type NextStep = AdviceRule['nextStep'];

/** The rule with the highest `minScore` not above the score; none when every rule needs more. */
export function applicableRule(rules: readonly AdviceRule[], score: number): AdviceRule | undefined {
  let best: AdviceRule | undefined;
  for (const rule of rules) {
    if (rule.minScore <= score && (!best || rule.minScore > best.minScore)) best = rule;
  }
  return best;
}

/** A theme's score: the sum of the weights of its checked signals. */
export function themeScore(theme: SignalTheme, checked: ReadonlySet<string>): number {
  return theme.signals.reduce((sum, signal) => sum + (checked.has(signal.id) ? signal.weight : 0), 0);
}

export interface ChecklistAdvice {
  /** Per theme id: its score and the advice that applies (only for themes with a checked signal). */
  themes: Map<string, { score: number; rule: AdviceRule | undefined }>;
  total: number;
  overall: AdviceRule | undefined;
  /** The distinct next steps of all applicable advice, most pressing first. */
  nextSteps: NextStep[];
}

const stepOrder: NextStep[] = ['call-emergency', 'make-report', 'talk-to-integrity-officer', 'see-support'];

/** The advice for a set of checked signals, as the contract's SignalChecklist defines it. */
export function computeAdvice(checklist: SignalChecklist, checked: ReadonlySet<string>): ChecklistAdvice {
  const themes = new Map<string, { score: number; rule: AdviceRule | undefined }>();
  let total = 0;
  for (const theme of checklist.themes) {
    const score = themeScore(theme, checked);
    total += score;
    if (score > 0) themes.set(theme.id, { score, rule: applicableRule(theme.advice, score) });
  }
  const overall = applicableRule(checklist.overallAdvice, total);
  const steps = new Set<NextStep>([overall?.nextStep, ...[...themes.values()].map(({ rule }) => rule?.nextStep)].filter((step): step is NextStep => !!step));
  return { themes, total, overall, nextSteps: stepOrder.filter((step) => steps.has(step)) };
}

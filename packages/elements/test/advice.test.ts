// The checklist's advice rules exactly as the contract's SignalChecklist defines them.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applicableRule, computeAdvice } from '../src/signal-checklist/advice.js';
import { sampleChecklist } from './sample-content.js';

const rule = (minScore: number) => ({ minScore, level: 'info' as const, text: `from ${minScore}`, nextStep: 'none' as const });

describe('the applicable advice rule', () => {
  it('is the rule with the highest minimum score not above the score, in any order', () => {
    assert.equal(applicableRule([rule(5), rule(0), rule(3)], 4)?.minScore, 3);
    assert.equal(applicableRule([rule(5), rule(0), rule(3)], 5)?.minScore, 5);
  });

  it('is none when every rule needs a higher score', () => {
    assert.equal(applicableRule([rule(2)], 1), undefined);
  });
});

describe('the advice for checked signals', () => {
  it('scores each theme by the weights of its checked signals and the total over all themes', () => {
    const advice = computeAdvice(sampleChecklist.nl, new Set(['threats-online', 'bribery-gift-offered']));
    assert.deepEqual([...advice.themes].map(([id, { score, rule }]) => [id, score, rule?.minScore]), [
      ['threats', 2, 1],
      ['bribery', 3, 1],
    ]);
    assert.equal(advice.total, 5);
    assert.equal(advice.overall?.minScore, 5);
  });

  it('lists the next steps of all applicable advice once, most pressing first', () => {
    const advice = computeAdvice(sampleChecklist.nl, new Set(['threats-home-visit', 'bribery-gift-offered']));
    assert.deepEqual(advice.nextSteps, ['call-emergency', 'make-report']);
  });

  it('ignores ids that are not in the checklist', () => {
    assert.equal(computeAdvice(sampleChecklist.nl, new Set(['not-a-signal'])).total, 0);
  });
});

// The console's copy of the server's rule that no card is published holding a shared dilemma's
// text unchanged, fed the cases of the server's own test (packages/server/test/dilemmas.test.ts).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DilemmaCardText } from '@weerbaar/sdk';
import { fieldHoldingSubmittedText, normaliseDilemmaText } from '../src/case-inbox/dilemma-text.js';

const shared = { situation: 'Mijn buurman, een aannemer, bood mij  een weekend weg aan.' };
const REWRITTEN: DilemmaCardText = {
  language: 'nl',
  roles: ['council-member'],
  theme: 'gifts-and-hospitality',
  title: 'Kaarten voor de wedstrijd',
  situation: 'Iemand die baat heeft bij een besluit van de raad biedt u kaarten aan voor een uitverkochte wedstrijd.',
  questions: ['Neemt u de kaarten aan?'],
};

describe('the rule that a card may not hold the shared text', () => {
  it('normalises Unicode forms, case and spacing', () => {
    assert.equal(normaliseDilemmaText('  MIJN\u00a0buurman,\n\tＡannemer  '), 'mijn buurman, aannemer');
    assert.equal(normaliseDilemmaText('ﬁets'), 'fiets');
  });

  it('finds the shared text copied with other case and spacing (the server test’s case)', () => {
    const copied = { ...REWRITTEN, situation: 'Context: MIJN BUURMAN, een aannemer, bood mij een weekend   weg aan.' };
    assert.equal(fieldHoldingSubmittedText(copied, shared), 'dl-situation');
  });

  it('lets the rewritten card through', () => {
    assert.equal(fieldHoldingSubmittedText(REWRITTEN, shared), undefined);
  });

  it('names the first field that holds it: the title, a question, the decision; also for what the person did', () => {
    const whatIDid = { situation: 'Iets heel anders dan de kaart vertelt.', whatIDid: 'Ik heb ze geweigerd.' };
    assert.equal(fieldHoldingSubmittedText({ ...REWRITTEN, title: 'ik heb ze GEWEIGERD.' }, whatIDid), 'dl-title');
    assert.equal(fieldHoldingSubmittedText({ ...REWRITTEN, questions: ['Wat doet u?', 'En als hij zegt: ik heb ze geweigerd.'] }, whatIDid), 'dl-question-1');
    assert.equal(fieldHoldingSubmittedText({ ...REWRITTEN, decision: 'Ik heb  ze geweigerd. Dat was goed.' }, whatIDid), 'dl-decision');
    assert.equal(fieldHoldingSubmittedText({ ...REWRITTEN, decision: 'Ik heb ze niet geweigerd.' }, whatIDid), undefined);
  });

  it('does not count a part of the shared text, nor an empty one', () => {
    assert.equal(fieldHoldingSubmittedText({ ...REWRITTEN, situation: 'Mijn buurman, een aannemer.' }, shared), undefined);
    assert.equal(fieldHoldingSubmittedText(REWRITTEN, { situation: '   ' }), undefined);
  });
});

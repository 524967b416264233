// The report form's rules: which steps there are, what each step requires, and what is sent.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ReportForm } from '@weerbaar/sdk';
import { dutchToday, emptyDraft, formPages, hasUnsentContent, toSubmission, validatePage, type ReportDraft } from '../src/report-dialog/report-draft.js';

const form: ReportForm = {
  locale: 'nl',
  version: 1,
  roles: [{ id: 'civil-servant', label: 'Ambtenaar' }],
  categories: [
    { id: 'threat-intimidation', label: 'Bedreiging' },
    { id: 'bribery', label: 'Omkoping' },
  ],
  questions: [
    { id: 'whoWasThreatened', label: 'Wie?', type: 'multiple-choice', required: true, categories: ['threat-intimidation'], options: [{ id: 'me', label: 'Ik' }] },
    { id: 'witnesses', label: 'Getuigen?', type: 'textarea', required: false, maxLength: 10 },
  ],
  anonymity: { explanation: 'Anoniem kan.', contactExplanation: 'Alleen de coördinator.' },
  consents: [{ id: 'privacy-statement', text: 'Gelezen', required: true }],
};
const limits = { maxTextLength: 50, today: '2026-11-28' };
const draft = (changes: Partial<ReportDraft>): ReportDraft => ({ ...emptyDraft(), ...changes });

describe('the steps of the report form', () => {
  it('include the extra questions only when the chosen category has some', () => {
    assert.deepEqual(formPages({ ...form, questions: [] }, draft({ category: 'bribery' })), ['about', 'what', 'contact', 'send']);
    assert.deepEqual(formPages(form, draft({ category: 'bribery' })), ['about', 'what', 'questions', 'contact', 'send']);
  });
});

describe('validating a step', () => {
  it('asks for a role and a category first', () => {
    assert.deepEqual(validatePage('about', emptyDraft(), form, limits).map((problem) => problem.field), ['role', 'category']);
    assert.deepEqual(validatePage('about', draft({ role: 'civil-servant', category: 'bribery' }), form, limits), []);
  });

  it('needs a description within the backend limit, and a real date that is not in the future', () => {
    assert.deepEqual(validatePage('what', draft({ description: '  ' }), form, limits), [{ field: 'description', problem: 'required' }]);
    assert.equal(validatePage('what', draft({ description: 'x'.repeat(51) }), form, limits)[0]?.problem, 'tooLong');
    assert.equal(validatePage('what', draft({ description: 'x', when: 'date', occurredOn: '2026-02-30' }), form, limits)[0]?.problem, 'invalidDate');
    assert.equal(validatePage('what', draft({ description: 'x', when: 'date', occurredOn: '2026-11-29' }), form, limits)[0]?.problem, 'futureDate');
    assert.deepEqual(validatePage('what', draft({ description: 'x', when: 'date', occurredOn: '2026-11-20' }), form, limits), []);
    assert.equal(validatePage('what', draft({ description: 'x', when: 'period' }), form, limits)[0]?.field, 'occurredPeriod');
  });

  it('checks only the questions of the chosen category, naming the question', () => {
    const problems = validatePage('questions', draft({ category: 'threat-intimidation', answers: { witnesses: 'x'.repeat(11) } }), form, limits);
    assert.deepEqual(problems, [
      { field: 'q-whoWasThreatened', problem: 'required', subject: 'Wie?' },
      { field: 'q-witnesses', problem: 'tooLong', subject: 'Getuigen?' },
    ]);
    assert.deepEqual(validatePage('questions', draft({ category: 'bribery' }), form, limits), []);
  });

  it('needs a choice about contact, and the preferred channel filled in when contactable', () => {
    assert.equal(validatePage('contact', emptyDraft(), form, limits)[0]?.field, 'contactable');
    assert.deepEqual(validatePage('contact', draft({ contactable: false }), form, limits), []);
    assert.deepEqual(validatePage('contact', draft({ contactable: true, preferredChannel: 'phone' }), form, limits), [{ field: 'phone', problem: 'missingChannel' }]);
    assert.equal(validatePage('contact', draft({ contactable: true, email: 'geen-adres' }), form, limits)[0]?.problem, 'invalidEmail');
  });

  it('requires the required consents', () => {
    assert.deepEqual(validatePage('send', emptyDraft(), form, limits), [{ field: 'consent-privacy-statement', problem: 'required', subject: 'Gelezen' }]);
    assert.deepEqual(validatePage('send', draft({ consents: ['privacy-statement'] }), form, limits), []);
  });
});

describe('the report that is sent', () => {
  const filled = draft({
    role: 'civil-servant',
    category: 'bribery',
    description: ' Geld aangeboden. ',
    when: 'period',
    occurredOn: '2026-11-01',
    occurredPeriod: 'sinds de zomer',
    answers: { whoWasThreatened: ['me'], witnesses: ' nee ' },
    contactable: false,
    email: 'vergeten@voorbeeld.nl',
    consents: ['privacy-statement', 'unknown'],
  });

  it('holds only what applies: the chosen kind of date, the questions of the category, no contact when anonymous', () => {
    assert.deepEqual(toSubmission(filled, form, { locale: 'nl', signals: [] }), {
      role: 'civil-servant',
      category: 'bribery',
      locale: 'nl',
      consents: ['privacy-statement'],
      content: { description: 'Geld aangeboden.', occurredPeriod: 'sinds de zomer', answers: { witnesses: 'nee' } },
    });
  });

  it('includes contact details with the preferred channel, and the checklist signals only while the person agrees', () => {
    const contactable = { ...filled, contactable: true, preferredChannel: 'email' as const, name: 'J. de Vries' };
    const withSignals = toSubmission(contactable, form, { locale: 'en', signals: ['a', 'a', 'b'] });
    assert.deepEqual(withSignals.content.contact, { name: 'J. de Vries', preferredChannel: 'email', email: 'vergeten@voorbeeld.nl' });
    assert.deepEqual(withSignals.content.checkedSignals, ['a', 'b']);
    assert.equal(toSubmission({ ...contactable, includeSignals: false }, form, { locale: 'en', signals: ['a'] }).content.checkedSignals, undefined);
  });

  it('counts as unsent content as soon as anything was filled in or chosen', () => {
    assert.equal(hasUnsentContent(emptyDraft()), false);
    assert.equal(hasUnsentContent(draft({ location: 'x' })), true);
    assert.equal(hasUnsentContent(draft({ contactable: false })), true);
  });
});

describe("today's date for the form", () => {
  it('is the Dutch date, not the UTC one, around midnight in winter and in summer', () => {
    assert.equal(dutchToday(new Date('2026-12-01T23:30:00Z')), '2026-12-02');
    assert.equal(dutchToday(new Date('2026-06-30T22:30:00Z')), '2026-07-01');
    assert.equal(dutchToday(new Date('2026-06-30T21:59:00Z')), '2026-06-30');
  });

  it('lets a report that happened today (in the Netherlands) through between midnight and 01:00', () => {
    const today = dutchToday(new Date('2026-12-01T23:30:00Z'));
    const whatPage = draft({ description: 'Vandaag gebeurd.', when: 'date', occurredOn: '2026-12-02' });
    assert.deepEqual(validatePage('what', whatPage, form, { maxTextLength: 100, today }), []);
  });
});

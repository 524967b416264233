import type { SignalChecklistStringKey } from './signal-checklist.strings.js';

// The English table: loaded only where an element's language is English (see the elements README,
// "How languages load"); the Dutch one, the default, is in `signal-checklist.strings.ts`.
const en: Record<SignalChecklistStringKey, string> = {
  title: 'Self-check: signals of criminal influence',
  privacy: 'Your answers stay in this browser. They are not sent and not stored.',
  adviceHeading: 'Advice',
  noAdvice: 'Check the signals you recognise. The advice adapts.',
  themeAdvice: 'Advice on {theme}:',
  nextStepsHeading: 'What can you do?',
  talkToIntegrityOfficer: 'Talk to the integrity coordinator',
  seeSupport: 'See who can help you',
  makeReport: 'Make a report',
  includeSignals: 'Include the signals I checked in my report',
  callEmergency: 'Call 112 in immediate danger',
  dilemmas: 'Read dilemmas on this',
  copySummary: 'Copy summary',
  copied: 'The summary is on the clipboard.',
  copyFailed: 'Copying did not work. Select and copy the text yourself.',
  print: 'Print',
  clear: 'Clear my answers',
  summaryNoSignals: 'No signals checked.',
  loading: 'Loading the self-check…',
  error: 'The self-check could not be loaded. Please try again later. In immediate danger: call 112.',
};

export default en;

import type { StringTables } from '../base/strings.js';

export type SignalChecklistStringKey =
  | 'title'
  | 'privacy'
  | 'adviceHeading'
  | 'noAdvice'
  | 'themeAdvice'
  | 'nextStepsHeading'
  | 'talkToIntegrityOfficer'
  | 'seeSupport'
  | 'makeReport'
  | 'includeSignals'
  | 'callEmergency'
  | 'dilemmas'
  | 'copySummary'
  | 'copied'
  | 'copyFailed'
  | 'print'
  | 'clear'
  | 'summaryNoSignals'
  | 'loading'
  | 'error';

export const signalChecklistStrings: StringTables<SignalChecklistStringKey> = {
  nl: {
    title: 'Zelftest: signalen van ondermijning',
    privacy: 'Uw antwoorden blijven in deze browser. Ze worden niet verstuurd en niet bewaard.',
    adviceHeading: 'Advies',
    noAdvice: 'Vink de signalen aan die u herkent. Het advies past zich aan.',
    themeAdvice: 'Advies bij {theme}:',
    nextStepsHeading: 'Wat kunt u doen?',
    talkToIntegrityOfficer: 'Praat met de integriteitscoördinator',
    seeSupport: 'Bekijk wie u kan helpen',
    makeReport: 'Maak een melding',
    includeSignals: 'Neem de signalen die ik aanvinkte mee in mijn melding',
    callEmergency: 'Bel 112 bij direct gevaar',
    dilemmas: "Lees dilemma's hierover",
    copySummary: 'Kopieer samenvatting',
    copied: 'De samenvatting staat op het klembord.',
    copyFailed: 'Kopiëren lukte niet. Selecteer en kopieer de tekst zelf.',
    print: 'Druk af',
    clear: 'Wis mijn antwoorden',
    summaryNoSignals: 'Geen signalen aangevinkt.',
    loading: 'De zelftest wordt geladen…',
    error: 'De zelftest kon niet worden geladen. Probeer het later opnieuw. Bij direct gevaar: bel 112.',
  },
  en: {
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
  },
};

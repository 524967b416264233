import type { LocalizedStrings } from '../base/strings.js';

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

export const signalChecklistStrings: LocalizedStrings<SignalChecklistStringKey> = {
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
  en: () => import('./signal-checklist.strings.en.js'),
};

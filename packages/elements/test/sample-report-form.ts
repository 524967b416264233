// A report form in the contract's shape, for stories and tests that run without a backend.
import type { ReportForm } from '@weerbaar/sdk';
import type { SupportedLocale } from '../src/base/locale.js';

export const sampleReportForm: Record<SupportedLocale, ReportForm> = {
  nl: {
    locale: 'nl',
    version: 1,
    roles: [
      { id: 'civil-servant', label: 'Ambtenaar', hint: 'U werkt voor de gemeente, in dienst of ingehuurd.' },
      { id: 'administrator', label: 'Bestuurder', hint: 'Burgemeester of wethouder.' },
      { id: 'council-member', label: 'Raadslid' },
      { id: 'other', label: 'Anders' },
    ],
    categories: [
      { id: 'threat-intimidation', label: 'Bedreiging of intimidatie' },
      { id: 'bribery', label: 'Omkoping', hint: 'Geld, geschenken of gunsten in ruil voor een besluit.' },
      { id: 'undue-pressure', label: 'Ongewenste druk' },
      { id: 'other', label: 'Iets anders' },
    ],
    questions: [
      { id: 'reportedToPolice', label: 'Heeft u al aangifte gedaan?', type: 'single-choice', required: false, options: [{ id: 'yes', label: 'Ja' }, { id: 'no', label: 'Nee' }] },
      { id: 'witnesses', label: 'Waren er getuigen?', type: 'textarea', required: false, maxLength: 1000 },
    ],
    anonymity: { explanation: 'U hoeft uw naam niet te geven. U krijgt een code om uw melding te volgen.', contactExplanation: 'Alleen de integriteitscoördinator ziet uw gegevens.' },
    consents: [{ id: 'privacy-statement', text: 'Ik heb de privacyverklaring gelezen.', required: true }],
  },
  en: {
    locale: 'en',
    version: 1,
    roles: [
      { id: 'civil-servant', label: 'Civil servant', hint: 'You work for the municipality, employed or hired.' },
      { id: 'administrator', label: 'Mayor or alderman', hint: 'A member of the municipal executive.' },
      { id: 'council-member', label: 'Council member' },
      { id: 'other', label: 'Other' },
    ],
    categories: [
      { id: 'threat-intimidation', label: 'Threats or intimidation' },
      { id: 'bribery', label: 'Bribery', hint: 'Money, gifts or favours in exchange for a decision.' },
      { id: 'undue-pressure', label: 'Undue pressure' },
      { id: 'other', label: 'Something else' },
    ],
    questions: [
      { id: 'reportedToPolice', label: 'Have you reported it to the police?', type: 'single-choice', required: false, options: [{ id: 'yes', label: 'Yes' }, { id: 'no', label: 'No' }] },
      { id: 'witnesses', label: 'Were there witnesses?', type: 'textarea', required: false, maxLength: 1000 },
    ],
    anonymity: { explanation: 'You do not have to give your name. You get a code to follow your report.', contactExplanation: 'Only the integrity coordinator sees your details.' },
    consents: [{ id: 'privacy-statement', text: 'I have read the privacy statement.', required: true }],
  },
};

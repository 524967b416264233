import type { StringTables } from '../base/strings.js';

const nl = {
  minutesHeading: 'Verslag van het gesprek',
  minutesIntro: 'Het verslag van een gesprek of telefoontje met de melder. De melder leest elke versie met de code en keurt haar goed of vraagt om een correctie.',
  minutesNone: 'Er is nog geen verslag.',
  minutesVersion: 'Versie {version}, {date}, {name}',
  'minutes-draft': 'wacht op de melder',
  'minutes-approved': 'goedgekeurd door de melder',
  'minutes-correction-requested': 'de melder vraagt om een correctie',
  'minutes-superseded': 'vervangen door een nieuwere versie',
  minutesApprovedOn: 'Goedgekeurd op {date}.',
  minutesCorrection: 'Correctie van de melder ({date}):',
  minutesSealedCorrection: 'Versleutelde correctie: open de melding met de sleutel.',
  minutesNew: 'Nieuwe versie van het verslag',
  minutesNewHint: 'De melder ziet deze versie met de code en kan haar goedkeuren of om een correctie vragen.',
  minutesAdd: 'Versie toevoegen',
  minutesAdded: 'De nieuwe versie staat klaar voor de melder.',
  minutesEmpty: 'Schrijf het verslag.',
  minutesStale: 'Er is intussen een nieuwere versie. Lees die eerst.',
};

/** The minutes of an oral report or a meeting: the case view's texts for it (`caseViewStrings` joins them). */
export const minutesViewStrings: StringTables<keyof typeof nl> = {
  nl,
  en: {
    minutesHeading: 'Minutes of the conversation',
    minutesIntro: 'The minutes of a conversation or phone call with the reporter. The reporter reads every version with their code and approves it or asks for a correction.',
    minutesNone: 'There are no minutes yet.',
    minutesVersion: 'Version {version}, {date}, {name}',
    'minutes-draft': 'waiting for the reporter',
    'minutes-approved': 'approved by the reporter',
    'minutes-correction-requested': 'the reporter asks for a correction',
    'minutes-superseded': 'replaced by a newer version',
    minutesApprovedOn: 'Approved on {date}.',
    minutesCorrection: "The reporter's correction ({date}):",
    minutesSealedCorrection: 'Sealed correction: open the report with the key.',
    minutesNew: 'New version of the minutes',
    minutesNewHint: 'The reporter sees this version with their code and can approve it or ask for a correction.',
    minutesAdd: 'Add version',
    minutesAdded: 'The new version is ready for the reporter.',
    minutesEmpty: 'Write the minutes.',
    minutesStale: 'There is a newer version in the meantime. Read it first.',
  },
};

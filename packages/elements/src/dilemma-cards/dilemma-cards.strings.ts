import type { StringTables } from '../base/strings.js';

/** The texts of the cards (list, presentation, print); the share form's own texts load with the form. */
export type DilemmaCardsStringKey =
  | 'title'
  | 'filtersLabel'
  | 'role'
  | 'roleAll'
  | 'role-civil-servant'
  | 'role-administrator'
  | 'role-council-member'
  | 'role-other'
  | 'theme'
  | 'themeAll'
  | 'linked'
  | 'clearLinked'
  | 'theme-threats'
  | 'theme-gifts-and-hospitality'
  | 'theme-side-jobs'
  | 'theme-information-requests'
  | 'theme-permit-pressure'
  | 'theme-other'
  | 'loading'
  | 'error'
  | 'retry'
  | 'empty'
  | 'count'
  | 'countOne'
  | 'draftBadge'
  | 'forRoles'
  | 'whatWouldYouDo'
  | 'reveal'
  | 'decisionHeading'
  | 'sources'
  | 'present'
  | 'print'
  | 'printNow'
  | 'backToList'
  | 'position'
  | 'previous'
  | 'next'
  | 'share'
  | 'shareLoadError';

export const dilemmaCardsStrings: StringTables<DilemmaCardsStringKey> = {
  nl: {
    title: "Dilemma's",
    filtersLabel: "Kies de dilemma's die bij u passen",
    role: 'Voor wie',
    roleAll: 'Iedereen',
    'role-civil-servant': 'Ambtenaar',
    'role-administrator': 'Bestuurder',
    'role-council-member': 'Raadslid',
    'role-other': 'Anders',
    theme: 'Onderwerp',
    themeAll: 'Alle onderwerpen',
    'theme-threats': 'Bedreiging',
    'theme-gifts-and-hospitality': 'Geschenken en uitnodigingen',
    'theme-side-jobs': 'Nevenfuncties',
    'theme-information-requests': 'Vragen om informatie',
    'theme-permit-pressure': 'Druk bij vergunningen',
    'theme-other': 'Ander onderwerp',
    loading: "De dilemma's worden geladen.",
    error: "De dilemma's konden niet worden geladen. Controleer uw verbinding en probeer het opnieuw.",
    retry: 'Probeer het opnieuw',
    linked: "U ziet de dilemma's over: {themes}.",
    clearLinked: "Toon alle dilemma's",
    empty: "Er zijn nog geen dilemma's voor deze keuze.",
    count: "{count} dilemma's",
    countOne: '1 dilemma',
    draftBadge: 'Concept, nog niet gecontroleerd',
    forRoles: 'Voor: {roles}',
    whatWouldYouDo: 'Wat zou u doen?',
    reveal: 'Toon wat er besloten is',
    decisionHeading: 'Wat er besloten is, en waarom',
    sources: 'Bronnen',
    present: 'Bespreek ze één voor één',
    print: 'Afdrukken',
    printNow: 'Druk deze kaarten af',
    backToList: 'Terug naar de lijst',
    position: 'Kaart {position} van {count}',
    previous: 'Vorige kaart',
    next: 'Volgende kaart',
    share: 'Deel een dilemma',
    shareLoadError: 'Het formulier kon niet worden geladen. Controleer uw verbinding en probeer het opnieuw.',
  },
  en: {
    title: 'Dilemmas',
    filtersLabel: 'Choose the dilemmas that fit you',
    role: 'For whom',
    roleAll: 'Everyone',
    'role-civil-servant': 'Civil servant',
    'role-administrator': 'Mayor or alderman',
    'role-council-member': 'Council member',
    'role-other': 'Other',
    theme: 'Subject',
    themeAll: 'All subjects',
    'theme-threats': 'Threats',
    'theme-gifts-and-hospitality': 'Gifts and hospitality',
    'theme-side-jobs': 'Side jobs',
    'theme-information-requests': 'Requests for information',
    'theme-permit-pressure': 'Pressure on permits',
    'theme-other': 'Another subject',
    loading: 'Loading the dilemmas.',
    error: 'The dilemmas could not be loaded. Check your connection and try again.',
    retry: 'Try again',
    linked: 'Showing the dilemmas on: {themes}.',
    clearLinked: 'Show all dilemmas',
    empty: 'There are no dilemmas for this choice yet.',
    count: '{count} dilemmas',
    countOne: '1 dilemma',
    draftBadge: 'Draft, not yet reviewed',
    forRoles: 'For: {roles}',
    whatWouldYouDo: 'What would you do?',
    reveal: 'Show what was decided',
    decisionHeading: 'What was decided, and why',
    sources: 'Sources',
    present: 'Discuss them one by one',
    print: 'Print',
    printNow: 'Print these cards',
    backToList: 'Back to the list',
    position: 'Card {position} of {count}',
    previous: 'Previous card',
    next: 'Next card',
    share: 'Share a dilemma',
    shareLoadError: 'The form could not be loaded. Check your connection and try again.',
  },
};

import type { LocalizedStrings } from '../base/strings.js';

export type SupportDirectoryStringKey =
  | 'title'
  | 'filtersLabel'
  | 'role'
  | 'roleAll'
  | 'role-civil-servant'
  | 'role-administrator'
  | 'role-council-member'
  | 'role-other'
  | 'urgency'
  | 'urgencyAll'
  | 'urgency-emergency'
  | 'urgency-urgent'
  | 'urgency-routine'
  | 'available247'
  | 'search'
  | 'searchHint'
  | 'emergencyHeading'
  | 'emergencyOrganisation'
  | 'emergencyDescription'
  | 'resultsHeading'
  | 'resultCount'
  | 'resultCountOne'
  | 'showMore'
  | 'empty'
  | 'loading'
  | 'error'
  | 'phone'
  | 'email'
  | 'website'
  | 'hours'
  | 'always'
  | 'region'
  | 'audience'
  | 'source'
  | 'sourceLink'
  | 'verifiedOn'
  | 'months';

export const supportDirectoryStrings: LocalizedStrings<SupportDirectoryStringKey> = {
  nl: {
    title: 'Wie helpt mij?',
    filtersLabel: 'Zoek hulp die bij u past',
    role: 'Ik ben',
    roleAll: 'Iedereen',
    'role-civil-servant': 'Ambtenaar',
    'role-administrator': 'Bestuurder',
    'role-council-member': 'Raadslid',
    'role-other': 'Anders',
    urgency: 'Hoe dringend',
    urgencyAll: 'Alles',
    'urgency-emergency': 'Direct gevaar',
    'urgency-urgent': 'Snel hulp nodig',
    'urgency-routine': 'Advies en begeleiding',
    available247: 'Alleen dag en nacht bereikbaar',
    search: 'Zoek op naam of onderwerp',
    searchHint: 'Bijvoorbeeld: bedreigd, omkoping of wethouder.',
    emergencyHeading: 'Direct gevaar? Bel 112',
    emergencyOrganisation: 'Alarmnummer 112',
    emergencyDescription: 'Bij direct gevaar voor u of uw naasten: bel 112 (politie, brandweer, ambulance).',
    resultsHeading: 'Hulp en advies',
    resultCount: '{count} organisaties gevonden',
    showMore: 'Toon meer ({shown} van {count} getoond)',
    resultCountOne: '1 organisatie gevonden',
    empty: 'Er is geen organisatie die bij uw keuze past. Pas de filters of de zoekwoorden aan. Bij direct gevaar: bel 112.',
    loading: 'De hulpgids wordt geladen…',
    error: 'De hulpgids kon niet worden geladen. Probeer het later opnieuw. Bij direct gevaar: bel 112.',
    phone: 'Telefoon',
    email: 'E-mail',
    website: 'Website',
    hours: 'Bereikbaar',
    always: 'Dag en nacht, 7 dagen per week',
    region: 'Regio',
    audience: 'Voor',
    source: 'Bron',
    sourceLink: 'bron',
    verifiedOn: 'Gecontroleerd op {date}',
    months: 'januari februari maart april mei juni juli augustus september oktober november december',
  },
  en: () => import('./support-directory.strings.en.js'),
};

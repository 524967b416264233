// Invented sample content in the contract's shapes, for tests and stories. No real data.
import type { NormCollection, SignalChecklist, SupportDirectory } from '@weerbaar/sdk';
import type { SupportedLocale } from '../src/base/locale.js';

export const sampleNorms: Record<SupportedLocale, NormCollection> = {
  nl: {
    locale: 'nl',
    items: [
      {
        id: 'melden-helpt',
        version: 2,
        variant: 'info',
        title: 'Intimidatie is niet normaal',
        statement: 'Bedreiging, omkoping en ongewenste druk op ambtenaren, bestuurders en raadsleden accepteren wij niet. Melden helpt.',
        links: [
          { rel: 'report', label: 'Meld het', href: 'https://meld.voorbeeldstad.example/melden' },
          { rel: 'support', label: 'Wie helpt mij?' },
          { rel: 'more', label: 'Lees meer', href: 'https://www.voorbeeldstad.example/weerbaar' },
        ],
      },
      {
        id: 'verkiezingen',
        version: 1,
        variant: 'urgent',
        title: 'Extra waakzaam rond de verkiezingen',
        statement: 'Wordt u benaderd of onder druk gezet? Meld het meteen. Bij direct gevaar: bel 112.',
        links: [{ rel: 'report', label: 'Meld het', href: 'https://meld.voorbeeldstad.example/melden' }],
      },
    ],
  },
  en: {
    locale: 'en',
    items: [
      {
        id: 'melden-helpt',
        version: 2,
        variant: 'info',
        title: 'Intimidation is not normal',
        statement: 'We do not accept threats, bribery or undue pressure on civil servants, administrators and council members. Reporting helps.',
        links: [
          { rel: 'report', label: 'Report it', href: 'https://meld.voorbeeldstad.example/melden' },
          { rel: 'support', label: 'Who can help me?' },
          { rel: 'more', label: 'Read more', href: 'https://www.voorbeeldstad.example/weerbaar' },
        ],
      },
      {
        id: 'verkiezingen',
        version: 1,
        variant: 'urgent',
        title: 'Extra vigilance around the elections',
        statement: 'Approached or pressured? Report it at once. In immediate danger: call 112.',
        links: [{ rel: 'report', label: 'Report it', href: 'https://meld.voorbeeldstad.example/melden' }],
      },
    ],
  },
};

export const sampleChecklist: Record<SupportedLocale, SignalChecklist> = {
  nl: {
    locale: 'nl',
    version: 1,
    review: { status: 'draft-for-review', note: 'Voorbeeldtekst.' },
    themes: [
      {
        id: 'threats',
        title: 'Bedreiging en intimidatie',
        description: 'Dreigen met geweld of schade, ook tegen familie.',
        category: 'threat-intimidation',
        signals: [
          { id: 'threats-home-visit', label: 'Iemand kwam onaangekondigd naar mijn huis', explanation: 'Wie uw woonadres opzoekt, wil laten zien dat hij u kan vinden.', weight: 3, dilemmaTheme: 'threats' },
          { id: 'threats-online', label: 'Ik word online bedreigd of uitgescholden', explanation: 'Ook online bedreiging is strafbaar.', weight: 2 },
        ],
        advice: [
          { minScore: 1, level: 'talk', text: 'Bespreek dit met uw leidinggevende of de integriteitscoördinator.', nextStep: 'talk-to-integrity-officer' },
          { minScore: 3, level: 'urgent', text: 'Neem dit serieus. Bij direct gevaar bel 112; meld het daarna.', nextStep: 'call-emergency' },
        ],
      },
      {
        id: 'bribery',
        title: 'Omkoping',
        description: 'Geld, geschenken of gunsten in ruil voor een besluit.',
        category: 'bribery',
        signals: [{ id: 'bribery-gift-offered', label: 'Iemand bood mij geld, een geschenk of een gunst aan', explanation: 'Ook een kleine gunst kan het begin zijn van afhankelijkheid.', weight: 3, dilemmaTheme: 'gifts-and-hospitality' }],
        advice: [{ minScore: 1, level: 'report', text: 'Weiger, leg vast wat er gebeurde en meld het.', nextStep: 'make-report' }],
      },
    ],
    overallAdvice: [
      { minScore: 0, level: 'info', text: 'Twijfelt u? Bespreek het met de integriteitscoördinator.', nextStep: 'talk-to-integrity-officer' },
      { minScore: 2, level: 'talk', text: 'U herkent signalen. Praat erover en kijk wie u kan helpen.', nextStep: 'see-support' },
      { minScore: 5, level: 'report', text: 'U herkent meerdere ernstige signalen. Maak een melding.', nextStep: 'make-report' },
    ],
  },
  en: {
    locale: 'en',
    version: 1,
    review: { status: 'draft-for-review', note: 'Sample text.' },
    themes: [
      {
        id: 'threats',
        title: 'Threats and intimidation',
        description: 'Threats of violence or harm, also against family.',
        category: 'threat-intimidation',
        signals: [
          { id: 'threats-home-visit', label: 'Someone came to my home unannounced', explanation: 'Whoever looks up your address wants to show they can find you.', weight: 3, dilemmaTheme: 'threats' },
          { id: 'threats-online', label: 'I am threatened or abused online', explanation: 'Threats online are a crime too.', weight: 2 },
        ],
        advice: [
          { minScore: 1, level: 'talk', text: 'Discuss this with your manager or the integrity officer.', nextStep: 'talk-to-integrity-officer' },
          { minScore: 3, level: 'urgent', text: 'Take this seriously. In immediate danger call 112; report it afterwards.', nextStep: 'call-emergency' },
        ],
      },
      {
        id: 'bribery',
        title: 'Bribery',
        description: 'Money, gifts or favours in exchange for a decision.',
        category: 'bribery',
        signals: [{ id: 'bribery-gift-offered', label: 'Someone offered me money, a gift or a favour', explanation: 'Even a small favour can be the start of dependence.', weight: 3, dilemmaTheme: 'gifts-and-hospitality' }],
        advice: [{ minScore: 1, level: 'report', text: 'Refuse, write down what happened and report it.', nextStep: 'make-report' }],
      },
    ],
    overallAdvice: [
      { minScore: 0, level: 'info', text: 'In doubt? Talk it through with the integrity officer.', nextStep: 'talk-to-integrity-officer' },
      { minScore: 2, level: 'talk', text: 'You recognise signals. Talk about it and see who can help.', nextStep: 'see-support' },
      { minScore: 5, level: 'report', text: 'You recognise several serious signals. Make a report.', nextStep: 'make-report' },
    ],
  },
};

const contacts = (lang: SupportedLocale): SupportDirectory['items'] => [
  {
    id: 'alarmnummer',
    organisation: lang === 'nl' ? 'Politie, brandweer, ambulance' : 'Police, fire brigade, ambulance',
    description: lang === 'nl' ? 'Bij direct gevaar.' : 'In immediate danger.',
    audience: ['civil-servant', 'administrator', 'council-member', 'other'],
    urgency: 'emergency',
    availability: { always: true },
    phone: { number: '112', display: '112' },
    region: 'Nederland',
    source: { url: 'https://www.politie.example/112' },
    verifiedOn: '2026-11-28',
  },
  {
    id: 'ondersteuningsteam',
    organisation: 'Ondersteuningsteam Weerbaar Bestuur',
    description: lang === 'nl' ? 'Voor burgemeesters, wethouders en raadsleden bij agressie, intimidatie of bedreiging.' : 'For mayors, aldermen and council members facing aggression, intimidation or threats.',
    keywords: lang === 'nl' ? ['bedreigd', 'geïntimideerd', 'raadslid'] : ['threatened', 'intimidated', 'council member'],
    audience: ['administrator', 'council-member'],
    urgency: 'urgent',
    availability: { always: true },
    phone: { number: '0701234567', display: '070 123 45 67' },
    url: 'https://www.weerbaarbestuur.example/',
    region: 'Nederland',
    source: { url: 'https://www.weerbaarbestuur.example/over', title: 'Over het ondersteuningsteam' },
    verifiedOn: '2026-11-28',
  },
  {
    id: 'vertrouwenspersoon',
    organisation: 'Gemeente Voorbeeldstad',
    name: lang === 'nl' ? 'Vertrouwenspersoon integriteit' : 'Integrity confidential adviser',
    description: lang === 'nl' ? 'Vertrouwelijk advies voor medewerkers.' : 'Confidential advice for employees.',
    audience: ['civil-servant'],
    urgency: 'routine',
    availability: { always: false, hours: lang === 'nl' ? 'Maandag tot vrijdag, 9.00–17.00 uur' : 'Monday to Friday, 9:00–17:00' },
    email: 'vertrouwenspersoon@voorbeeldstad.example',
    region: 'Voorbeeldstad',
    source: { url: 'https://intranet.voorbeeldstad.example/integriteit' },
    verifiedOn: '2026-11-20',
  },
];

export const sampleSupport: Record<SupportedLocale, SupportDirectory> = {
  nl: { locale: 'nl', items: contacts('nl') },
  en: { locale: 'en', items: contacts('en') },
};

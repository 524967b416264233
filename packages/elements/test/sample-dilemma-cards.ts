// Dilemma cards for stories and tests without a backend (the contract's DilemmaCardCollection).
import type { DilemmaCardCollection } from '@weerbaar/sdk/dilemmas';
import type { SupportedLocale } from '../src/base/locale.js';

export const sampleDilemmaCards: Record<SupportedLocale, DilemmaCardCollection> = {
  nl: {
    language: 'nl',
    items: [
      {
        cardId: 'sample-tickets-nl',
        draftForReview: true,
        sources: [{ title: 'Gemeentewet', url: 'https://wetten.overheid.nl/BWBR0005416/' }],
        text: {
          language: 'nl',
          roles: ['council-member'],
          theme: 'gifts-and-hospitality',
          title: 'Kaarten voor de wedstrijd',
          situation: 'Een projectontwikkelaar wiens plan binnenkort in de raad komt, biedt u twee kaarten aan voor een uitverkochte wedstrijd.',
          questions: ['Neemt u de kaarten aan?', 'En als u zelf betaalt?'],
          decision: 'Niet aannemen, en het aanbod melden bij de griffie.',
        },
      },
      {
        cardId: 'sample-side-job-nl',
        draftForReview: false,
        publishedAt: '2026-12-02T10:00:00Z',
        text: {
          language: 'nl',
          roles: ['civil-servant'],
          theme: 'side-jobs',
          title: 'Advies in het weekend',
          situation: 'Een bedrijf vraagt u om in het weekend advies te geven. Het bedrijf vraagt ook vergunningen aan bij uw gemeente.',
          questions: ['Neemt u de opdracht aan?'],
        },
      },
    ],
  },
  en: {
    language: 'en',
    items: [
      {
        cardId: 'sample-tickets-en',
        draftForReview: true,
        sources: [{ title: 'Gemeentewet (Municipalities Act)', url: 'https://wetten.overheid.nl/BWBR0005416/' }],
        text: {
          language: 'en',
          roles: ['council-member'],
          theme: 'gifts-and-hospitality',
          title: 'Tickets for the match',
          situation: 'A developer whose plan comes before the council soon offers you two tickets for a sold-out match.',
          questions: ['Do you accept the tickets?', 'And if you pay yourself?'],
          decision: 'Do not accept, and report the offer to the clerk of the council.',
        },
      },
      {
        cardId: 'sample-side-job-en',
        draftForReview: false,
        publishedAt: '2026-12-02T10:00:00Z',
        text: {
          language: 'en',
          roles: ['civil-servant'],
          theme: 'side-jobs',
          title: 'Advice at the weekend',
          situation: 'A firm asks you to give advice at the weekend. The firm also applies for permits at your municipality.',
          questions: ['Do you take the job?'],
        },
      },
    ],
  },
};

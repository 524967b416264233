// A followed case with the protocol's steps, a check-in waiting for an answer and support for
// relatives, as the report dialog's follow-up view shows it (stories; no backend).
import type { FollowUpCase, FollowUpCheckIns } from '@weerbaar/sdk';
import type { SupportedLocale } from '../src/base/locale.js';
import { sampleSupport } from './sample-content.js';

const steps: Record<SupportedLocale, string[]> = {
  nl: ['Melding intern doorgegeven aan griffier en burgemeester', 'Nazorggesprek gepland', 'Steun voor uw naasten aangeboden', 'Doorverwezen'],
  en: ['Report passed on to the clerk and the mayor', 'Aftercare conversation planned', 'Support offered to the people close to you', 'Referred'],
};

export function sampleFollowUpCase(locale: SupportedLocale): FollowUpCase {
  return {
    status: 'acknowledged',
    category: 'threat-intimidation',
    receivedAt: '2026-11-28T09:30:00Z',
    deadlines: { acknowledgeDueAt: '2026-12-05T09:30:00Z', acknowledgedAt: '2026-11-28T11:00:00Z', feedbackDueAt: '2027-02-28T10:00:00Z', acknowledgeOverdue: false, feedbackOverdue: false },
    timeline: [
      { at: '2026-11-28T09:30:00Z', type: 'received', status: 'received' },
      { at: '2026-11-28T11:00:00Z', type: 'acknowledged', status: 'acknowledged' },
    ],
    messages: [],
    attachments: [],
    canReply: true,
    steps: steps[locale].map((title, index) => (index === 0 ? { title, done: true, doneAt: '2026-11-28T11:00:00Z' } : { title, done: false })),
    relativesAffected: true,
  };
}

export const sampleCheckIns: FollowUpCheckIns = {
  stopped: false,
  items: [
    { checkInId: 'ci_story0001', opensAt: '2026-11-29T09:30:00Z', dueAt: '2026-12-01T23:00:00Z', status: 'open' },
    { checkInId: 'ci_story0002', opensAt: '2026-12-05T09:30:00Z', dueAt: '2026-12-07T23:00:00Z', status: 'scheduled' },
  ],
};

/** Support for relatives and urgent help, from the sample directory. */
export const sampleRelativesSupport = (locale: SupportedLocale) => sampleSupport[locale].items.slice(0, 2);

// The console's lists as the reference server answers them: cases with every kind of clock, the
// counts per filter, a year's statistics and the accounts. For the console's state stories, which
// render the inbox's views from this data (Storybook has no backend).
import type { Account, CaseCounts, CaseSummary, Discovery, Statistics, StatisticsCount } from '@weerbaar/sdk';

/** Noon, `offset` days from today: a due moment that falls on that calendar day wherever the browser is. */
const noon = (offset: number) => {
  const date = new Date();
  date.setHours(12, 0, 0, 0);
  return new Date(date.getTime() + offset * 86_400_000).toISOString();
};

/** Discovery of a backend that offers sign-in with a passkey and through the organisation's OpenID provider. */
export const sampleSignInDiscovery = {
  apiVersion: '1.1.0',
  organisation: { name: 'Gemeente Voorbeeldstad' },
  capabilities: {
    caseManagement: {
      signIn: { passkey: { rpId: 'localhost' }, oidc: { displayName: 'Voorbeeldstad Inloggen' } },
      idleTimeoutSeconds: 900,
      intake: { channels: ['phone', 'meeting'] },
    },
  },
} as unknown as Discovery;

function summary(reference: string, overrides: Partial<CaseSummary>): CaseSummary {
  return {
    caseId: `c_${reference.replaceAll('-', '')}`,
    reference,
    role: 'council-member',
    category: 'threat-intimidation',
    status: 'received',
    receivedAt: noon(-6),
    deadlines: { acknowledgeDueAt: noon(1), feedbackDueAt: noon(91), acknowledgeOverdue: false, feedbackOverdue: false },
    encrypted: false,
    contactable: 'no',
    ...overrides,
  };
}

/** Due soonest first, as the inbox orders them: overdue, "nog 1 dag", due today is past, a feedback clock, a closed case. */
export const sampleSummaries: CaseSummary[] = [
  summary('WB-2026-0039', {
    category: 'bribery',
    role: 'civil-servant',
    receivedAt: noon(-9),
    deadlines: { acknowledgeDueAt: noon(-2), feedbackDueAt: noon(88), acknowledgeOverdue: true, feedbackOverdue: false },
    encrypted: true,
  }),
  summary('WB-2026-0042', { unreadMessages: 1, assignedToMe: true }),
  summary('WB-2026-0043', {
    category: 'undue-pressure',
    role: 'administrator',
    receivedAt: noon(-5),
    deadlines: { acknowledgeDueAt: noon(2), feedbackDueAt: noon(92), acknowledgeOverdue: false, feedbackOverdue: false },
  }),
  summary('WB-2026-0031', {
    category: 'infiltration',
    status: 'investigating',
    receivedAt: noon(-40),
    deadlines: { acknowledgeDueAt: noon(-33), acknowledgedAt: noon(-38), feedbackDueAt: noon(51), acknowledgeOverdue: false, feedbackOverdue: false },
    unreadMessages: 3,
  }),
  summary('WB-2026-0017', {
    category: 'other',
    role: 'other',
    status: 'closed',
    receivedAt: noon(-120),
    deadlines: { acknowledgeDueAt: noon(-113), acknowledgedAt: noon(-118), feedbackDueAt: noon(-29), feedbackGivenAt: noon(-60), acknowledgeOverdue: false, feedbackOverdue: false },
  }),
];

/** The counts behind the filters: more cases than one page shows. */
export const sampleCounts: CaseCounts = {
  total: 31,
  overdue: 2,
  assignedToMe: 4,
  byStatus: { received: 6, acknowledged: 9, investigating: 7, closed: 9 },
  byCategory: { 'threat-intimidation': 14, bribery: 5, infiltration: 3, 'undue-pressure': 6, other: 3 },
  byRole: { 'civil-servant': 12, administrator: 4, 'council-member': 13, other: 2 },
};

const count = (value: number): StatisticsCount => (value < 5 ? { suppressed: true } : { suppressed: false, count: value });

/** This year's statistics: small cells suppressed (minimum 5 cases). */
export function sampleStatistics(year = new Date().getFullYear()): Statistics {
  return {
    period: String(year),
    startsOn: `${year}-01-01`,
    endsOn: `${year}-12-31`,
    minimumCellCount: 5,
    received: count(31),
    byCategory: [
      { category: 'threat-intimidation', received: count(14) },
      { category: 'bribery', received: count(5) },
      { category: 'infiltration', received: count(3) },
      { category: 'undue-pressure', received: count(6) },
      { category: 'other', received: count(3) },
    ],
    byRole: [
      { role: 'civil-servant', received: count(12) },
      { role: 'administrator', received: count(4) },
      { role: 'council-member', received: count(13) },
      { role: 'other', received: count(2) },
    ],
    byCategoryAndRole: [{ category: 'threat-intimidation', role: 'council-member', received: count(8) }],
    acknowledgement: { cases: count(29), medianDays: { suppressed: false, days: 2.5 }, p90Days: { suppressed: false, days: 6 }, withinDeadline: { suppressed: false, share: 0.931 } },
    feedback: { cases: count(12), medianDays: { suppressed: false, days: 61 }, p90Days: { suppressed: false, days: 84.5 }, withinDeadline: { suppressed: false, share: 0.917 } },
  };
}

const account = (accountId: string, displayName: string, roles: Account['roles'], extra: Partial<Account> = {}): Account => ({
  accountId,
  displayName,
  roles,
  groups: ['integrity-officers'],
  active: true,
  passkeys: [],
  createdAt: '2026-11-26T16:00:00Z',
  ...extra,
});

/** The accounts an admin sees: the admin herself, handlers, an auditor, an invitation not yet used, a revoked account. */
export const sampleAccounts: Account[] = [
  account('u_2Bn8Vc4Xz6Lk', 'M. de Vries', ['admin', 'handler']),
  account('u_7Hq2Lm9Xc4Rt', 'Ö. Çelik', ['handler']),
  account('u_5Tr3Ew1Qa9Zs', 'J. Bakker', ['auditor']),
  account('u_8Pk6Jh4Gf2Ds', 'A. El Amrani', ['handler'], { invitationPending: true }),
  account('u_1Mn3Bv5Cx7Za', 'R. Jansen', ['handler'], { active: false }),
];

import type { StringTables } from '../base/strings.js';
import { accessViewStrings } from './access-view.strings.js';
import { affectedViewStrings } from './affected-view.strings.js';
import { answersViewStrings } from './answers-view.strings.js';
import { checkInsViewStrings } from './check-ins-view.strings.js';
import { intakeViewStrings } from './intake-view.strings.js';
import { keyViewStrings } from './key-view.strings.js';
import { messagesViewStrings } from './messages-view.strings.js';
import { minutesViewStrings } from './minutes-view.strings.js';
import { recordViewStrings } from './record-view.strings.js';
import { statusViewStrings } from './status-view.strings.js';
import { tasksViewStrings } from './tasks-view.strings.js';

/** The case itself: its heading, loading and failing, and the summary with the legal clocks. */
const nl = {
  back: 'Terug naar de meldingen',
  caseHeading: 'Melding {reference}',
  loading: 'De melding wordt geladen…',
  error: 'De melding kon niet worden geladen. Probeer het opnieuw.',
  retry: 'Opnieuw proberen',
  notFound: 'Deze melding bestaat niet of u heeft er geen toegang toe.',
  actionFailed: 'Dat is niet gelukt. Probeer het opnieuw.',
  saved: 'Opgeslagen.',
  summaryLabel: 'Over deze melding',
  status: 'Status',
  substatus: 'Substatus',
  category: 'Onderwerp',
  role: 'Positie van de melder',
  receivedAt: 'Ontvangen',
  channel: 'Binnengekomen via',
  group: 'Groep',
  assignees: 'Toegewezen aan',
  nobody: 'Niemand',
  acknowledgeBy: 'Ontvangst bevestigen vóór',
  acknowledgedOn: 'Ontvangst bevestigd op',
  feedbackBy: 'Terugkoppeling geven vóór',
  feedbackGivenOn: 'Terugkoppeling gegeven op',
  overdue: 'te laat',
  daysLeft: 'nog {count} dagen',
  dayLeft: 'nog 1 dag',
  dueToday: 'vandaag',
  concernsReceiver: 'De melder zegt dat de melding gaat over wie haar zou ontvangen.',
  ...keyViewStrings.nl,
  ...answersViewStrings.nl,
  ...messagesViewStrings.nl,
  ...accessViewStrings.nl,
  ...minutesViewStrings.nl,
  ...recordViewStrings.nl,
  ...statusViewStrings.nl,
  ...intakeViewStrings.nl,
  // The safety net (issue 16): tasks, the people affected, the check-ins.
  ...tasksViewStrings.nl,
  ...affectedViewStrings.nl,
  ...checkInsViewStrings.nl,
};

export type CaseViewStringKey = keyof typeof nl;

/** The case view's texts (one module per view, joined here); override any of them with the element's `strings` property. */
export const caseViewStrings: StringTables<CaseViewStringKey> = {
  nl,
  en: {
    back: 'Back to the reports',
    caseHeading: 'Report {reference}',
    loading: 'Loading the report…',
    error: 'The report could not be loaded. Please try again.',
    retry: 'Try again',
    notFound: 'This report does not exist or you have no access to it.',
    actionFailed: 'That did not work. Please try again.',
    saved: 'Saved.',
    summaryLabel: 'About this report',
    status: 'Status',
    substatus: 'Substatus',
    category: 'Subject',
    role: "Reporter's position",
    receivedAt: 'Received',
    channel: 'Came in by',
    group: 'Group',
    assignees: 'Assigned to',
    nobody: 'Nobody',
    acknowledgeBy: 'Acknowledge receipt by',
    acknowledgedOn: 'Receipt acknowledged on',
    feedbackBy: 'Give feedback by',
    feedbackGivenOn: 'Feedback given on',
    overdue: 'overdue',
    daysLeft: '{count} days left',
    dayLeft: '1 day left',
    dueToday: 'today',
    concernsReceiver: 'The reporter says the report concerns the people who would receive it.',
    ...keyViewStrings.en,
    ...answersViewStrings.en,
    ...messagesViewStrings.en,
    ...accessViewStrings.en,
    ...minutesViewStrings.en,
    ...recordViewStrings.en,
    ...statusViewStrings.en,
    ...intakeViewStrings.en,
    // The safety net (issue 16): tasks, the people affected, the check-ins.
    ...tasksViewStrings.en,
    ...affectedViewStrings.en,
    ...checkInsViewStrings.en,
  },
};

import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { inboxStoryFrame, type InboxStoryFrame, type InboxStoryView } from '../../test/inbox-story-frame.js';
import { sampleHandlerClient } from '../../test/sample-case.js';
import { sampleAccounts, sampleCounts, sampleSignInDiscovery, sampleStatistics, sampleSummaries } from '../../test/sample-inbox.js';
import type { SupportedLocale } from '../base/locale.js';
import '../case-view/define.js';
import { AccountsPage, accountsView } from './accounts-page.js';
import type { ConsoleSession, LockReason, SessionState } from './console-session.js';
import { InboxList, type ListStatus } from './inbox-list.js';
import { listView } from './list-view.js';
import { signInView } from './sign-in-view.js';
import { StatisticsPage, statisticsView } from './statistics-page.js';

interface Args {
  lang: SupportedLocale;
}

/**
 * A session as the views read it, with no backend behind it: the stories show a state, the buttons
 * in them do nothing (signing in for real: the "Case inbox" stories against `npm start`).
 */
function storySession(state: SessionState, lockReason?: LockReason, reachable = true): ConsoleSession {
  return {
    state,
    lockReason,
    busy: false,
    // No discovery: the backend did not answer.
    discovery: reachable ? sampleSignInDiscovery : undefined,
    idleSeconds: 900,
    generation: 1,
    current: undefined,
    nextGeneration: () => 1,
    call: async () => undefined,
    signIn: async () => undefined,
    enrol: async () => undefined,
    startOidcSignIn: async () => undefined,
  } as unknown as ConsoleSession;
}

/** The list with its sample cases and counts, made once per frame so the filters keep their choice. */
const lists = new WeakMap<HTMLElement, InboxList>();
function sampleList(frame: InboxStoryFrame, status: ListStatus, items = sampleSummaries): InboxList {
  let list = lists.get(frame);
  if (!list) {
    list = new InboxList(frame, storySession('signed-in'), () => undefined);
    list.items = status === 'ready' ? items : [];
    list.status = status;
    list.counts = items.length ? sampleCounts : { ...sampleCounts, total: 0, overdue: 0, assignedToMe: 0 };
    lists.set(frame, list);
  }
  return list;
}

const inbox =
  (status: ListStatus, items = sampleSummaries): InboxStoryView =>
  (context, frame) =>
    html`${context.heading(0, context.text('title'))}${listView(context, sampleList(frame, status, items), () => undefined)}`;

const pages = new WeakMap<HTMLElement, StatisticsPage | AccountsPage>();

const statistics: InboxStoryView = (context, frame) => {
  let page = pages.get(frame) as StatisticsPage | undefined;
  if (!page) {
    page = new StatisticsPage(frame, storySession('signed-in'));
    page.statistics = sampleStatistics();
    page.status = 'ready';
    pages.set(frame, page);
  }
  return statisticsView(context, page);
};

const accounts: InboxStoryView = (context, frame) => {
  let page = pages.get(frame) as AccountsPage | undefined;
  if (!page) {
    page = new AccountsPage(frame, storySession('signed-in'), () => undefined);
    page.accounts = sampleAccounts;
    page.status = 'ready';
    page.invitation = { name: 'A. El Amrani', link: 'https://melden.voorbeeldstad.nl/behandelen#uitnodiging=sample-invitation-code' };
    pages.set(frame, page);
  }
  return accountsView(context, page, sampleAccounts[0]!.accountId);
};

/**
 * Every state of the console, from sample data (test/sample-inbox.ts): the element's own view
 * templates, styles and texts in a frame, with no backend — nothing is fetched, nothing is sent.
 */
const meta: Meta<Args & { view: InboxStoryView }> = {
  title: 'Console/Case inbox states',
  component: 'weerbaar-case-inbox',
  argTypes: { lang: { control: 'inline-radio', options: ['nl', 'en'] }, view: { table: { disable: true } } },
  args: { lang: 'nl' },
  render: ({ lang, view }) => html`<div lang=${lang}>${inboxStoryFrame(view)}</div>`,
};
export default meta;
type Story = StoryObj<Args & { view: InboxStoryView }>;

const english = (story: Story): Story => ({ ...story, args: { ...story.args, lang: 'en' } });

/** Signed out: sign in with a passkey, or through the organisation's OpenID provider. */
export const SignedOut: Story = { args: { view: (context) => signInView(context, storySession('sign-in')) } };
export const SignedOutEnglish = english(SignedOut);

/** Locked after 15 minutes without a key press or click: everything shown is gone. */
export const Locked: Story = { args: { view: (context) => signInView(context, storySession('sign-in', 'idle')) } };
export const LockedEnglish = english(Locked);

/** Opened from an invitation link: the person names and creates a passkey. */
export const Enrol: Story = { args: { view: (context) => signInView(context, storySession('enrol')) } };
export const EnrolEnglish = english(Enrol);

/** The backend cannot be reached: the console says so and offers nothing to press. */
export const BackendUnreachable: Story = { args: { view: (context) => signInView(context, storySession('sign-in', undefined, false)) } };
export const BackendUnreachableEnglish = english(BackendUnreachable);

/** The inbox: due soonest first, an overdue case, "nog 1 dag", a feedback clock, filters with counts. */
export const List: Story = { args: { view: inbox('ready') } };
export const ListEnglish = english(List);

/** No cases (yet). */
export const EmptyList: Story = { args: { view: inbox('ready', []) } };
export const EmptyListEnglish = english(EmptyList);

/** The list could not be read: the status says so, with a button to try again. */
export const ListError: Story = { args: { view: inbox('error') } };
export const ListErrorEnglish = english(ListError);

/** Statistics for auditors and admins: this year, small numbers shown as "fewer than 5". */
export const Statistics: Story = { args: { view: statistics } };
export const StatisticsEnglish = english(Statistics);

/** Accounts for admins: an invitation link shown once, roles, revoking. */
export const Accounts: Story = { args: { view: accounts } };
export const AccountsEnglish = english(Accounts);

/** Recording an oral report from the inbox: the case view's form, with a client that answers from memory. */
export const OralReport: Story = {
  args: { view: () => html`<weerbaar-case-view intake heading-level="1" .client=${sampleHandlerClient()} .discovery=${sampleSignInDiscovery}></weerbaar-case-view>` },
};
export const OralReportEnglish = english(OralReport);

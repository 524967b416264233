import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import type { DilemmaDraft, DilemmaSubmissionRecord } from '@weerbaar/sdk';
import { inboxStoryFrame, type InboxStoryFrame, type InboxStoryView } from '../../test/inbox-story-frame.js';
import type { SupportedLocale } from '../base/locale.js';
import type { ConsoleSession } from './console-session.js';
import { DilemmasPage, type Editing } from './dilemmas-page.js';
import { dilemmasView } from './dilemmas-view.js';

interface Args {
  lang: SupportedLocale;
}

const day = 86_400_000;
const at = (daysAgo: number) => new Date(Date.parse('2026-12-02T09:30:00Z') - daysAgo * day).toISOString();

const submissions: DilemmaSubmissionRecord[] = [
  { submissionId: 'dl_sealed-sample', receivedAt: at(0), deleteAfter: at(-90), role: 'civil-servant', theme: 'permit-pressure', locale: 'nl', encryptedContent: { keyId: 'sample', suite: 'DHKEM-P256-HKDF-SHA256/HKDF-SHA256/AES-256-GCM', enc: 'sample', ciphertext: 'sample' }, cardIds: [] },
  {
    submissionId: 'dl_plain-sample',
    receivedAt: at(3),
    deleteAfter: at(-87),
    role: 'council-member',
    theme: 'gifts-and-hospitality',
    locale: 'nl',
    content: { situation: 'Een projectontwikkelaar bood mij kaarten aan voor een voetbalwedstrijd, net voor het debat over zijn plan.', whatIDid: 'Ik heb ze geweigerd.' },
    cardIds: ['dc_sample-card'],
  },
];

const drafts: DilemmaDraft[] = [
  {
    cardId: 'dc_sample-card',
    status: 'draft',
    submissionId: 'dl_plain-sample',
    createdAt: at(2),
    updatedAt: at(1),
    text: { language: 'nl', roles: ['council-member'], theme: 'gifts-and-hospitality', title: 'Kaarten voor de wedstrijd', situation: 'Iemand die baat heeft bij een besluit van de raad biedt u kaarten aan.', questions: ['Neemt u de kaarten aan?', 'En als het een etentje is?'] },
  },
  {
    cardId: 'dc_published-card',
    status: 'published',
    createdAt: at(20),
    updatedAt: at(10),
    publishedAt: at(10),
    text: { language: 'nl', roles: ['civil-servant'], theme: 'information-requests', title: 'Een oud-collega belt', situation: 'Een oud-collega vraagt wie er op de lijst voor de aanbesteding staat.', questions: ['Wat zegt u?'], decision: 'Niets: die lijst is vertrouwelijk.' },
  },
];

/** A session with no backend behind it: the stories show a state, the buttons in them do nothing. */
const storySession = { generation: 1, keyring: undefined, call: async () => undefined } as unknown as ConsoleSession;

/** The page in one state, made once per frame so that typing in the editor keeps its text. */
const pages = new WeakMap<HTMLElement, DilemmasPage>();
const page =
  (setUp: (page: DilemmasPage) => void): InboxStoryView =>
  (context, frame: InboxStoryFrame) => {
    let current = pages.get(frame);
    if (!current) {
      current = new DilemmasPage(frame, storySession, () => undefined);
      current.status = 'ready';
      current.submissions = submissions;
      current.drafts = drafts;
      setUp(current);
      pages.set(frame, current);
    }
    return dilemmasView(context, current, undefined);
  };

const refused: Editing = { cardId: 'dc_sample-card', submissionId: 'dl_plain-sample', text: { ...drafts[0]!.text, situation: `Context: ${submissions[1]!.content!.situation}` }, errors: [{ field: 'dl-situation', key: 'dlUnedited' }] };

/**
 * The console's dilemmas page for the dilemma editors, from sample data: no backend, nothing is
 * fetched or sent (the real flow: `npm start`, share a dilemma on the demo page, sign in).
 */
const meta: Meta<Args & { view: InboxStoryView }> = {
  title: 'Console/Dilemmas',
  component: 'weerbaar-case-inbox',
  argTypes: { lang: { control: 'inline-radio', options: ['nl', 'en'] }, view: { table: { disable: true } } },
  args: { lang: 'nl' },
  render: ({ lang, view }) => html`<div lang=${lang}>${inboxStoryFrame(view)}</div>`,
};
export default meta;
type Story = StoryObj<Args & { view: InboxStoryView }>;

const english = (story: Story): Story => ({ ...story, args: { ...story.args, lang: 'en' } });

/** The shared dilemmas, newest first (a sealed one with "Openen"), and the cards with their status. */
export const Lists: Story = { args: { view: page(() => undefined) } };
export const ListsEnglish = english(Lists);

/** The sealed dilemma asks for the organisation's key file (no key in the session yet). */
export const KeyFile: Story = { args: { view: page((current) => (current.keyFor = 'dl_sealed-sample')) } };
export const KeyFileEnglish = english(KeyFile);

/** "Maak een kaart": the editor starts empty, the shared dilemma above it. */
export const NewCard: Story = { args: { view: page((current) => current.startCard('nl', submissions[1])) } };
export const NewCardEnglish = english(NewCard);

/** Publishing refused: the card still holds the shared text; the error summary links to the field. */
export const PublishRefused: Story = { args: { view: page((current) => (current.editing = refused)) } };
export const PublishRefusedEnglish = english(PublishRefused);

/** A card from a sealed dilemma that is not open yet: open it first. */
export const OpenFirst: Story = { args: { view: page((current) => (current.notice = { key: 'dlOpenFirst', error: true })) } };
export const OpenFirstEnglish = english(OpenFirst);

/** Signed in, but not in the editors' group: the server answered 403. */
export const NotAnEditor: Story = { args: { view: page((current) => (current.status = 'forbidden')) } };
export const NotAnEditorEnglish = english(NotAnEditor);

import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { sampleCheckIns, sampleFollowUpCase, sampleRelativesSupport } from '../../test/sample-follow-up.js';
import { sampleReportForm } from '../../test/sample-report-form.js';
import type { SupportedLocale } from '../base/locale.js';
import './define.js';
import type { ReportButton } from './report-button.js';

interface Args {
  lang: SupportedLocale;
  mode: 'report' | 'follow-up';
  isolation: 'inline' | 'window' | 'auto';
}

const labels = {
  report: { nl: 'Meld een misstand', en: 'Report misconduct' },
  'follow-up': { nl: 'Volg uw melding', en: 'Follow your report' },
};

/**
 * The steps run on the sample report form without a backend. Sending needs one (`npm start` and
 * the demo page): without it, the flow ends at "not sent yet", which is a step of its own.
 */
const meta: Meta<Args> = {
  title: 'Elements/Report button',
  component: 'weerbaar-report-button',
  argTypes: {
    lang: { control: 'inline-radio', options: ['nl', 'en'] },
    mode: { control: 'inline-radio', options: ['report', 'follow-up'] },
    isolation: { control: 'inline-radio', options: ['inline', 'window', 'auto'] },
  },
  args: { lang: 'nl', mode: 'report', isolation: 'inline' },
  render: ({ lang, mode, isolation }) =>
    html`<div lang=${lang}>
      <weerbaar-report-button mode=${mode} isolation=${isolation} exit-url="https://www.google.nl/" .reportForm=${sampleReportForm[lang]}>
        <a href="https://meld.voorbeeldstad.example/melden">${labels[mode][lang]}</a>
      </weerbaar-report-button>
    </div>`,
};
export default meta;
type Story = StoryObj<Args>;

const buttonIn = (canvas: HTMLElement) => canvas.querySelector('weerbaar-report-button') as ReportButton;
const dialogRoot = (canvas: HTMLElement) => buttonIn(canvas).shadowRoot!.querySelector('weerbaar-report-dialog')!.shadowRoot!;

async function until<T>(find: () => T | null | undefined): Promise<T> {
  for (let tries = 0; tries < 100; tries++) {
    const found = find();
    if (found) return found;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('The story did not reach its step.');
}

const press = async (canvas: HTMLElement, selector: string) => (await until(() => dialogRoot(canvas).querySelector<HTMLElement>(selector))).click();

async function openDialog(canvas: HTMLElement): Promise<void> {
  await buttonIn(canvas).updateComplete;
  await buttonIn(canvas).open();
}

/** Opens the dialog, chooses to report and walks the form up to step `steps + 1`, as a person would. */
async function walk(canvas: HTMLElement, steps: number): Promise<void> {
  await openDialog(canvas);
  await press(canvas, '.choices li:nth-child(2) button');
  const actions: ((root: ShadowRoot) => void)[] = [
    (root) => {
      root.querySelector<HTMLInputElement>('#role-civil-servant')!.click();
      root.querySelector<HTMLInputElement>('#category-bribery')!.click();
    },
    (root) => {
      const description = root.querySelector<HTMLTextAreaElement>('#description')!;
      description.value = 'Na de raadsvergadering bood een projectontwikkelaar mij geld aan.';
      description.dispatchEvent(new Event('input'));
    },
    () => undefined,
    (root) => root.querySelector<HTMLInputElement>('#contactable-anonymous')!.click(),
  ];
  for (const act of actions.slice(0, steps)) {
    const root = await until(() => (dialogRoot(canvas).querySelector('form') ? dialogRoot(canvas) : null));
    act(root);
    await new Promise((resolve) => setTimeout(resolve, 0));
    await press(canvas, '[part="next-button"]');
  }
}

export const Button: Story = {};
export const ButtonEnglish: Story = { args: { lang: 'en' } };
export const FollowUpButton: Story = { args: { mode: 'follow-up' } };
export const WindowIsolation: Story = { args: { isolation: 'window' } };

export const Choose: Story = { play: ({ canvasElement }) => openDialog(canvasElement) };
export const ChooseEnglish: Story = { ...Choose, args: { lang: 'en' } };
export const StepAbout: Story = { play: ({ canvasElement }) => walk(canvasElement, 0) };
export const ErrorSummary: Story = {
  play: async ({ canvasElement }) => {
    await walk(canvasElement, 0);
    await press(canvasElement, '[part="next-button"]');
  },
};
export const ErrorSummaryEnglish: Story = { ...ErrorSummary, args: { lang: 'en' } };
export const StepWhat: Story = { play: ({ canvasElement }) => walk(canvasElement, 1) };
export const StepQuestions: Story = { play: ({ canvasElement }) => walk(canvasElement, 2) };
export const StepContact: Story = { play: ({ canvasElement }) => walk(canvasElement, 3) };
export const StepContactEnglish: Story = { ...StepContact, args: { lang: 'en' } };
export const StepSend: Story = { play: ({ canvasElement }) => walk(canvasElement, 4) };
export const NotSentYet: Story = {
  play: async ({ canvasElement }) => {
    await walk(canvasElement, 4);
    await press(canvasElement, '#consent-privacy-statement');
    await press(canvasElement, '[part="next-button"]');
  },
};
export const FollowUpEntry: Story = { args: { mode: 'follow-up' }, play: ({ canvasElement }) => openDialog(canvasElement) };
export const FollowUpEntryEnglish: Story = { ...FollowUpEntry, args: { lang: 'en', mode: 'follow-up' } };

/**
 * A followed case with its aftercare (issue 16), from sample data: the flow's state is set as
 * opening the case with a receipt would set it (no backend in Storybook).
 */
async function followedCase(canvas: HTMLElement, lang: SupportedLocale, feelsSafe?: 'no'): Promise<void> {
  await openDialog(canvas);
  const dialog = buttonIn(canvas).shadowRoot!.querySelector('weerbaar-report-dialog')!;
  const { aftercare } = dialog.flow;
  aftercare.checkIns = sampleCheckIns;
  aftercare.helpContacts = sampleRelativesSupport(lang);
  aftercare.relativesContacts = sampleRelativesSupport(lang);
  if (feelsSafe) aftercare.update('feelsSafe', feelsSafe);
  await dialog.flow.go({ name: 'case', found: sampleFollowUpCase(lang), calendarUrl: '' });
}
export const FollowUpCheckIn: Story = { play: ({ canvasElement }) => followedCase(canvasElement, 'nl') };
export const FollowUpCheckInEnglish: Story = { args: { lang: 'en' }, play: ({ canvasElement }) => followedCase(canvasElement, 'en') };
export const FollowUpCheckInNotSafe: Story = { play: ({ canvasElement }) => followedCase(canvasElement, 'nl', 'no') };
export const FollowUpCheckInNotSafeEnglish: Story = { args: { lang: 'en' }, play: ({ canvasElement }) => followedCase(canvasElement, 'en', 'no') };

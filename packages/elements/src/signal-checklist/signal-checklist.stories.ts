import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { sampleChecklist } from '../../test/sample-content.js';
import type { SupportedLocale } from '../base/locale.js';
import './define.js';

interface Args {
  lang: SupportedLocale;
}

const meta: Meta<Args> = {
  title: 'Elements/Signal checklist',
  component: 'weerbaar-signal-checklist',
  argTypes: { lang: { control: 'inline-radio', options: ['nl', 'en'] } },
  args: { lang: 'nl' },
  render: ({ lang }) =>
    html`<div lang=${lang}>
      <weerbaar-signal-checklist integrity-officer-href="mailto:integriteit@voorbeeldstad.example" .content=${sampleChecklist[lang]}></weerbaar-signal-checklist>
    </div>`,
};
export default meta;
type Story = StoryObj<Args>;

/** Check the given signals as a person would, by clicking them. */
function checking(...signalIds: string[]): Story['play'] {
  return async ({ canvasElement }) => {
    const checklist = canvasElement.querySelector('weerbaar-signal-checklist')!;
    await checklist.updateComplete;
    for (const id of signalIds) checklist.shadowRoot!.querySelector<HTMLInputElement>(`#signal-${id}`)!.click();
    await checklist.updateComplete;
  };
}

export const Start: Story = {};
export const StartEnglish: Story = { args: { lang: 'en' } };
export const SomeSignals: Story = { play: checking('threats-online') };
export const SomeSignalsEnglish: Story = { args: { lang: 'en' }, play: checking('threats-online') };
export const SeriousSignals: Story = { play: checking('threats-home-visit', 'threats-online', 'bribery-gift-offered') };
export const SeriousSignalsEnglish: Story = { args: { lang: 'en' }, play: checking('threats-home-visit', 'threats-online', 'bribery-gift-offered') };

export const BackendUnavailable: Story = {
  render: ({ lang }) => html`<div lang=${lang}><weerbaar-signal-checklist api="http://127.0.0.1:9/v1"></weerbaar-signal-checklist></div>`,
};
export const BackendUnavailableEnglish: Story = { ...BackendUnavailable, args: { lang: 'en' } };

/** The page says where its dilemma cards are: a checked signal with a dilemma theme adds a link to them. */
export const LinksToDilemmas: Story = {
  render: ({ lang }) =>
    html`<div lang=${lang}>
      <weerbaar-signal-checklist dilemmas-href="#dilemmas" .content=${sampleChecklist[lang]}></weerbaar-signal-checklist>
    </div>`,
  play: checking('threats-home-visit', 'bribery-gift-offered'),
};
export const LinksToDilemmasEnglish: Story = { ...LinksToDilemmas, args: { lang: 'en' } };

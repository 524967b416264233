import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { sampleNorms } from '../../test/sample-content.js';
import type { SupportedLocale } from '../base/locale.js';
import './define.js';

interface Args {
  lang: SupportedLocale;
  normId: string;
  dismissible: boolean;
}

const meta: Meta<Args> = {
  title: 'Elements/Norm banner',
  component: 'weerbaar-norm-banner',
  argTypes: { lang: { control: 'inline-radio', options: ['nl', 'en'] } },
  args: { lang: 'nl', normId: 'melden-helpt', dismissible: false },
  render: ({ lang, normId, dismissible }) =>
    html`<div lang=${lang}><weerbaar-norm-banner norm-id=${normId} ?dismissible=${dismissible} .content=${sampleNorms[lang]}></weerbaar-norm-banner></div>`,
};
export default meta;
type Story = StoryObj<Args>;

export const Information: Story = {};
export const InformationEnglish: Story = { args: { lang: 'en' } };
export const Dismissible: Story = { args: { dismissible: true } };
export const DismissibleEnglish: Story = { args: { lang: 'en', dismissible: true } };
export const Urgent: Story = { args: { normId: 'verkiezingen', dismissible: true } };
export const UrgentEnglish: Story = { args: { lang: 'en', normId: 'verkiezingen', dismissible: true } };

const slotted = (lang: SupportedLocale) =>
  lang === 'nl'
    ? html`<h2 slot="heading">Intimidatie is niet normaal</h2>
        <p>Bedreiging en omkoping accepteren wij niet. Melden helpt.</p>
        <a slot="links" href="https://meld.voorbeeldstad.example/">Meld het</a>`
    : html`<h2 slot="heading">Intimidation is not normal</h2>
        <p>We do not accept threats or bribery. Reporting helps.</p>
        <a slot="links" href="https://meld.voorbeeldstad.example/">Report it</a>`;

/** Light-DOM content: on the page before any script runs, so nothing shifts when it upgrades. */
export const SlottedContent: Story = {
  render: ({ lang, dismissible }) => html`<div lang=${lang}><weerbaar-norm-banner norm-id="eigen-tekst" ?dismissible=${dismissible}>${slotted(lang)}</weerbaar-norm-banner></div>`,
};
export const SlottedContentEnglish: Story = { ...SlottedContent, args: { lang: 'en' } };

/** The backend cannot be reached: the slotted text is the fallback. */
export const BackendUnavailable: Story = {
  render: ({ lang }) => html`<div lang=${lang}><weerbaar-norm-banner api="http://127.0.0.1:9/v1" norm-id="melden-helpt">${slotted(lang)}</weerbaar-norm-banner></div>`,
};
export const BackendUnavailableEnglish: Story = { ...BackendUnavailable, args: { lang: 'en' } };

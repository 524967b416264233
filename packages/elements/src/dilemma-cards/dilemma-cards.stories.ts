import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { sampleDilemmaCards } from '../../test/sample-dilemma-cards.js';
import type { SupportedLocale } from '../base/locale.js';
import type { DilemmaCardsView } from './dilemma-cards.js';
import './define.js';

interface Args {
  lang: SupportedLocale;
  view: DilemmaCardsView;
  reporterRole: string;
}

// Inline cards: Storybook has no backend (the share button shows only with `api`).
const meta: Meta<Args> = {
  title: 'Elements/Dilemma cards',
  component: 'weerbaar-dilemma-cards',
  argTypes: {
    lang: { control: 'inline-radio', options: ['nl', 'en'] },
    view: { control: 'inline-radio', options: ['list', 'presentation', 'print'] },
    reporterRole: { control: 'select', options: ['', 'civil-servant', 'administrator', 'council-member', 'other'] },
  },
  args: { lang: 'nl', view: 'list', reporterRole: '' },
  render: ({ lang, view, reporterRole }) =>
    html`<div lang=${lang}><weerbaar-dilemma-cards view=${view} reporter-role=${reporterRole} .content=${sampleDilemmaCards[lang]}></weerbaar-dilemma-cards></div>`,
};
export default meta;
type Story = StoryObj<Args>;

export const List: Story = {};
export const ListEnglish: Story = { args: { lang: 'en' } };
/** One card at a time, for a meeting: the decision shows only on request. */
export const Presentation: Story = { args: { view: 'presentation' } };
export const PresentationEnglish: Story = { args: { lang: 'en', view: 'presentation' } };
/** Every card of the filter, one per printed page. */
export const Print: Story = { args: { view: 'print' } };
export const PrintEnglish: Story = { args: { lang: 'en', view: 'print' } };
/** No card for this choice. */
export const Empty: Story = { args: { reporterRole: 'other' } };
export const EmptyEnglish: Story = { args: { lang: 'en', reporterRole: 'other' } };

/** The backend cannot be reached: a retry button, and the share button stays. */
export const BackendUnavailable: Story = {
  render: ({ lang }) => html`<div lang=${lang}><weerbaar-dilemma-cards api="http://127.0.0.1:9/v1"></weerbaar-dilemma-cards></div>`,
};
export const BackendUnavailableEnglish: Story = { ...BackendUnavailable, args: { lang: 'en' } };

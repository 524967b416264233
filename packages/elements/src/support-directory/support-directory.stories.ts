import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { sampleSupport } from '../../test/sample-content.js';
import type { SupportedLocale } from '../base/locale.js';
import './define.js';

interface Args {
  lang: SupportedLocale;
  reporterRole: string;
}

const meta: Meta<Args> = {
  title: 'Elements/Support directory',
  component: 'weerbaar-support-directory',
  argTypes: {
    lang: { control: 'inline-radio', options: ['nl', 'en'] },
    reporterRole: { control: 'select', options: ['', 'civil-servant', 'administrator', 'council-member', 'other'] },
  },
  args: { lang: 'nl', reporterRole: '' },
  render: ({ lang, reporterRole }) =>
    html`<div lang=${lang}><weerbaar-support-directory reporter-role=${reporterRole} .content=${sampleSupport[lang]}></weerbaar-support-directory></div>`,
};
export default meta;
type Story = StoryObj<Args>;

export const Everyone: Story = {};
export const EveryoneEnglish: Story = { args: { lang: 'en' } };
export const ForAdministrators: Story = { args: { reporterRole: 'administrator' } };
export const ForAdministratorsEnglish: Story = { args: { lang: 'en', reporterRole: 'administrator' } };

/** Nothing matches: the emergency number stays. */
export const Empty: Story = {
  render: ({ lang }) => html`<div lang=${lang}><weerbaar-support-directory .content=${{ locale: lang, items: [] }}></weerbaar-support-directory></div>`,
};
export const EmptyEnglish: Story = { ...Empty, args: { lang: 'en' } };

/** The backend cannot be reached: the emergency number stays. */
export const BackendUnavailable: Story = {
  render: ({ lang }) => html`<div lang=${lang}><weerbaar-support-directory api="http://127.0.0.1:9/v1"></weerbaar-support-directory></div>`,
};
export const BackendUnavailableEnglish: Story = { ...BackendUnavailable, args: { lang: 'en' } };

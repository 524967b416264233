import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import type { SupportedLocale } from '../base/locale.js';
import './define.js';

interface Args {
  lang: SupportedLocale;
  api: string;
}

const meta: Meta<Args> = {
  title: 'Console/Case inbox',
  component: 'weerbaar-case-inbox',
  argTypes: {
    lang: { control: 'inline-radio', options: ['nl', 'en'] },
    api: { control: 'text' },
  },
  // A reference server on this machine (`npm start`); signing in needs a passkey enrolled there.
  args: { lang: 'nl', api: 'http://localhost:8080/v1' },
  render: ({ lang, api }) => html`<div lang=${lang}><weerbaar-case-inbox api=${api}></weerbaar-case-inbox></div>`,
};
export default meta;
type Story = StoryObj<Args>;

/** Against `npm start`: the sign-in screen, then the inbox. */
export const SignIn: Story = {};
export const SignInEnglish: Story = { args: { lang: 'en' } };

/** The backend cannot be reached: the console says so and offers nothing to press. */
export const BackendUnavailable: Story = { args: { api: 'http://127.0.0.1:9/v1' } };
export const BackendUnavailableEnglish: Story = { args: { lang: 'en', api: 'http://127.0.0.1:9/v1' } };

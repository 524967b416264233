import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { sampleCase, sampleHandlerClient, type SampleClientOptions } from '../../test/sample-case.js';
import type { SupportedLocale } from '../base/locale.js';
import './define.js';

interface Args {
  lang: SupportedLocale;
  sample: SampleClientOptions;
}

const sealed = {
  keyId: '2026-11-key-1',
  suite: 'DHKEM-P256-HKDF-SHA256/HKDF-SHA256/AES-256-GCM',
  enc: 'BCn3mIuTZ7aYwQ2Xy7VQ9Cq5r8hEo8XQvDk3i0m4kK1sPq9uY0aXxGm9nS2fT6dLh1gZcQ2VbN4MpR7wE3yJ5aU',
  ciphertext: '5x8uV2mQ9kR3tY7wZ1aB4cD6eF8gH0iJ2kL4mN6oP8qR0sT2uV4wX6yZ8aB0cD2eF4gH6iJ8kL0mN2oP4qR6s',
} as const;

/**
 * The console's view of one case. Storybook has no backend: the stories give the element a handler
 * client that answers from memory (test/sample-case.ts), so sending and notes work on the sample.
 */
const meta: Meta<Args> = {
  title: 'Console/Case view',
  component: 'weerbaar-case-view',
  argTypes: { lang: { control: 'inline-radio', options: ['nl', 'en'] } },
  args: { lang: 'nl', sample: {} },
  render: ({ lang, sample }) =>
    html`<div lang=${lang}><weerbaar-case-view case-id="c_3M8qZt2LkW9xYv4N" .client=${sampleHandlerClient(sample)}></weerbaar-case-view></div>`,
};
export default meta;
type Story = StoryObj<Args>;

/** A new report, not yet acknowledged: the acknowledgement template is ready to edit. */
export const NewReport: Story = {};
export const NewReportEnglish: Story = { args: { lang: 'en' } };

/** Acknowledged, with a question from the handler, the reporter's answer and an internal note. */
export const InProgress: Story = {
  args: {
    sample: {
      found: sampleCase({
        status: 'investigating',
        deadlines: { acknowledgeDueAt: new Date().toISOString(), acknowledgedAt: new Date(Date.now() - 4 * 86_400_000).toISOString(), feedbackDueAt: new Date(Date.now() + 80 * 86_400_000).toISOString(), acknowledgeOverdue: false, feedbackOverdue: false },
        timeline: [
          { at: new Date(Date.now() - 6 * 86_400_000).toISOString(), type: 'received', status: 'received' },
          { at: new Date(Date.now() - 4 * 86_400_000).toISOString(), type: 'acknowledged', status: 'acknowledged' },
          { at: new Date(Date.now() - 3 * 86_400_000).toISOString(), type: 'status-changed', status: 'investigating', note: 'Politie ingelicht.' },
        ],
        messages: [
          { id: 'm_ack00000001', from: 'handler', kind: 'acknowledgement', sentAt: new Date(Date.now() - 4 * 86_400_000).toISOString(), body: 'Wij hebben uw melding ontvangen.' },
          { id: 'm_question0001', from: 'handler', kind: 'question', sentAt: new Date(Date.now() - 3 * 86_400_000).toISOString(), body: 'Weet u het kenteken van de auto?' },
          { id: 'm_answer000001', from: 'reporter', kind: 'message', sentAt: new Date(Date.now() - 2 * 86_400_000).toISOString(), body: 'Nee, maar het was een grijze bestelbus.' },
        ],
      }),
      notes: [{ noteId: 'n_8Zx3Cv5Bn7Mq', author: { kind: 'person', accountId: 'u_7Hq2Lm9Xc4Rt', name: 'Ö. Çelik' }, createdAt: new Date(Date.now() - 3 * 86_400_000).toISOString(), body: 'Melder gebeld; zij wil eerst met de vertrouwenspersoon spreken.' }],
    },
  },
};
export const InProgressEnglish: Story = { args: { ...InProgress.args, lang: 'en' } };

/** Overdue: the acknowledgement deadline passed. */
export const Overdue: Story = {
  args: { sample: { found: sampleCase({ receivedAt: new Date(Date.now() - 9 * 86_400_000).toISOString(), deadlines: { acknowledgeDueAt: new Date(Date.now() - 2 * 86_400_000).toISOString(), feedbackDueAt: new Date(Date.now() + 89 * 86_400_000).toISOString(), acknowledgeOverdue: true, feedbackOverdue: false } }) } },
};

/** Sealed: the report opens only with the organisation's key, on this device. */
export const Sealed: Story = {
  args: { sample: { found: sampleCase({ encrypted: true, contactable: 'unknown', content: undefined, encryptedContent: sealed, labels: undefined, attachments: [] }) } },
};
export const SealedEnglish: Story = { args: { ...Sealed.args, lang: 'en' } };

/** An oral report by phone: the minutes, the reporter's correction and the next version to write. */
export const PhoneReportWithMinutes: Story = {
  args: {
    sample: {
      found: sampleCase({
        channel: 'phone',
        labels: { ...sampleCase().labels!, channel: 'Telefonisch' },
        minutes: { latestVersion: 1, status: 'correction-requested' },
        attachments: [],
      }),
      minutes: [
        {
          version: 1,
          createdAt: new Date(Date.now() - 2 * 86_400_000).toISOString(),
          author: { kind: 'person', accountId: 'u_7Hq2Lm9Xc4Rt', name: 'Ö. Çelik' },
          status: 'correction-requested',
          body: 'Telefoongesprek. De melder vertelt dat zij na de vergadering door een man is gevolgd.',
          answer: { answeredAt: new Date(Date.now() - 86_400_000).toISOString(), decision: 'correct', correction: 'Het waren twee mannen, niet één.' },
        },
      ],
    },
  },
};
export const PhoneReportWithMinutesEnglish: Story = { args: { ...PhoneReportWithMinutes.args, lang: 'en' } };

/** Recording an oral report (a meeting or a phone call) with the first minutes; the case it makes opens with the code for the reporter. */
export const RecordOralReport: Story = {
  render: ({ lang, sample }) => html`<div lang=${lang}><weerbaar-case-view intake .client=${sampleHandlerClient(sample)}></weerbaar-case-view></div>`,
};
export const RecordOralReportEnglish: Story = { ...RecordOralReport, args: { lang: 'en' } };

export const Closed: Story = { args: { sample: { found: sampleCase({ status: 'closed', outcome: 'measures-taken' }) } } };

export const Loading: Story = { args: { sample: { found: 'loading' } } };
export const LoadingEnglish: Story = { args: { lang: 'en', sample: { found: 'loading' } } };
export const BackendUnavailable: Story = { args: { sample: { found: 'error' } } };
export const BackendUnavailableEnglish: Story = { args: { lang: 'en', sample: { found: 'error' } } };
export const NotFound: Story = { args: { sample: { found: 'not-found' } } };

/** The safety net (issue 16): the protocol's tasks, one ticked off, with the group, due dates, legal basis and sources. */
export const Tasks: Story = { args: { sample: { safetyNet: {} } } };
export const TasksEnglish: Story = { args: { lang: 'en', sample: { safetyNet: {} } } };

/** Open tasks past their due date: "te laat" in words, not only in colour. */
export const TasksOverdue: Story = { args: { sample: { safetyNet: { dueInDays: [-2, -2, -1, -1, -1], done: 0 } } } };
export const TasksOverdueEnglish: Story = { args: { lang: 'en', sample: { safetyNet: { dueInDays: [-2, -2, -1, -1, -1], done: 0 } } } };

/** The people affected, recorded by role: the children add the family-support task. */
export const AffectedPeople: Story = { args: { sample: { found: sampleCase({ affectedPeople: ['self', 'children'] }), safetyNet: {} } } };
export const AffectedPeopleEnglish: Story = { args: { ...AffectedPeople.args, lang: 'en' } };

/** The aftercare check-ins: one answered "onveilig" (a task was made of it), the rest to come. */
export const CheckIns: Story = { args: { sample: { safetyNet: {} } } };
export const CheckInsEnglish: Story = { args: { lang: 'en', sample: { safetyNet: {} } } };

/** The check-ins the reporter stopped, one missed before that. */
export const CheckInsStopped: Story = {
  args: {
    sample: {
      safetyNet: {
        checkIns: {
          stopped: true,
          items: [
            { checkInId: 'ci_4Hq8Lm2Nt6Rw9Yz3', opensAt: new Date(Date.now() - 5 * 86_400_000).toISOString(), dueAt: new Date(Date.now() - 3 * 86_400_000).toISOString(), status: 'missed', taskId: 't_ci4Hq8Lm2Nt6Rw9Yz3' },
            { checkInId: 'ci_7Pz2Kx9Wb4Qm1Rt5', opensAt: new Date(Date.now() + 86_400_000).toISOString(), dueAt: new Date(Date.now() + 3 * 86_400_000).toISOString(), status: 'cancelled' },
          ],
        },
      },
    },
  },
};

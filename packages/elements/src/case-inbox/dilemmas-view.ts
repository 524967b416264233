import { html, nothing, type TemplateResult } from 'lit';
import type { DilemmaDraft, DilemmaSubmissionRecord } from '@weerbaar/sdk';
import type { CaseInboxStringKey } from './case-inbox.strings.js';
import { dilemmaContext, inWords, type DilemmaContext } from './dilemma-context.js';
import { dilemmaForm } from './dilemma-form.js';
import type { DilemmasPage } from './dilemmas-page.js';
import type { DilemmaStringKey } from './dilemmas.strings.js';
import type { InboxContext } from './inbox-context.js';
import { sharedText } from './shared-dilemma-view.js';

function submissionView(context: DilemmaContext, page: DilemmasPage, submission: DilemmaSubmissionRecord): TemplateResult {
  const { t, inbox } = context;
  const id = submission.submissionId;
  return html`<li class="card" part="dilemma" id="dl-${id}" tabindex="-1">
    ${context.heading(2, `dl-received-${id}`, t('dlReceived', { date: inWords(context, submission.receivedAt) }))}
    <p>${t('dlRoleTheme', { role: inbox.text(`role-${submission.role}` as CaseInboxStringKey) ?? submission.role, theme: t(`theme-${submission.theme}` as DilemmaStringKey) ?? submission.theme })}</p>
    <p>${t('dlDeleteAfter', { date: inWords(context, submission.deleteAfter) })} ${t('dlCardsMade', { count: submission.cardIds.length })}</p>
    ${sharedText(context, page, submission)}
    <p>
      <button type="button" part="make-card-button" aria-describedby="dl-received-${id}" ?disabled=${page.busy} @click=${() => page.startCard(inbox.locale, submission)}>${t('dlMakeCard')}</button>
    </p>
  </li>`;
}

function draftView(context: DilemmaContext, page: DilemmasPage, draft: DilemmaDraft): TemplateResult {
  const { t } = context;
  const headingId = `dl-title-${draft.cardId}`;
  const status = t(`dlStatus-${draft.status}` as DilemmaStringKey) ?? draft.status;
  return html`<li class="card" part="dilemma-card" id="dl-card-${draft.cardId}" tabindex="-1" data-status=${draft.status}>
    ${context.heading(2, headingId, draft.text.title)}
    <p>${t('dlDraftLine', { status, date: inWords(context, draft.updatedAt) })}</p>
    <p class="badges">
      <button type="button" class="secondary" part="edit-card-button" aria-describedby=${headingId} ?disabled=${page.busy} @click=${() => page.editCard(draft)}>${t('dlEdit')}</button>
      ${draft.status === 'published'
        ? html`<button type="button" class="secondary" part="unpublish-button" aria-describedby=${headingId} ?disabled=${page.busy} @click=${() => void page.unpublish(draft)}>${t('dlUnpublish')}</button>`
        : html`<button type="button" part="publish-button" aria-describedby=${headingId} ?disabled=${page.busy} @click=${() => void page.publish(draft)}>${t('dlPublish')}</button>`}
    </p>
  </li>`;
}

/** The page: the shared dilemmas and the cards, or the editor with the shared dilemma above it. */
export function dilemmasView(inbox: InboxContext, page: DilemmasPage, overrides: Partial<Record<string, string>> | undefined): TemplateResult {
  const context = dilemmaContext(inbox, overrides);
  // One template around every state: the heading stays the same element, and keeps focus.
  return html`${inbox.heading(0, inbox.text('navDilemmas'))}${pageBody(context, page)}`;
}

function pageBody(context: DilemmaContext, page: DilemmasPage): TemplateResult {
  const { t, inbox } = context;
  if (page.status !== 'ready') {
    const [key, role] = ({ loading: ['dlLoading', 'status'], forbidden: ['dlForbidden', 'status'], error: ['dlError', 'alert'] } as const)[page.status];
    return html`<p role=${role} part="dilemmas-status">${t(key)}</p>`;
  }
  if (page.editing) return dilemmaForm(context, page, page.editing);
  const notice = page.notice;
  return html`<p>${t('dlIntro')}</p>
    <p id="dl-notice" tabindex="-1" role=${notice?.error ? 'alert' : 'status'} part="dilemmas-notice" class=${notice ? 'notice' : ''}>${notice ? t(notice.key) : ''}</p>
    <section aria-labelledby="dl-submissions-heading">
      ${context.heading(1, 'dl-submissions-heading', t('dlSubmissionsHeading'))}
      ${page.submissions.length
        ? html`<ul class="cards" role="list">
            ${page.submissions.map((submission) => submissionView(context, page, submission))}
          </ul>`
        : html`<p>${t('dlNoSubmissions')}</p>`}
    </section>
    <section aria-labelledby="dl-cards-heading">
      ${context.heading(1, 'dl-cards-heading', t('dlDraftsHeading'))}
      <p><button type="button" class="secondary" part="new-card-button" ?disabled=${page.busy} @click=${() => page.startCard(inbox.locale)}>${t('dlNewCard')}</button></p>
      ${page.drafts.length
        ? html`<ul class="cards" role="list">
            ${page.drafts.map((draft) => draftView(context, page, draft))}
          </ul>`
        : html`<p>${t('dlNoDrafts')}</p>`}
    </section>`;
}

import { html, nothing, type TemplateResult } from 'lit';
import type { DilemmaSubmissionRecord } from '@weerbaar/sdk';
import type { DilemmaContext } from './dilemma-context.js';
import type { DilemmasPage } from './dilemmas-page.js';

/** The shared text, or that it is sealed with the button that opens it (and the key form when asked). */
export function sharedText(context: DilemmaContext, page: DilemmasPage, submission: DilemmaSubmissionRecord): TemplateResult {
  const { t } = context;
  const content = page.contentOf(submission);
  if (content) {
    return html`<dl>
      <dt>${t('dlSituation')}</dt>
      <dd class="shared-text">${content.situation}</dd>
      ${content.whatIDid ? html`<dt>${t('dlWhatIDid')}</dt><dd class="shared-text">${content.whatIDid}</dd>` : nothing}
    </dl>`;
  }
  return html`<p>
      <span class="badge">${t('dlSealed')}</span>
      <button type="button" class="secondary" id="dl-open-${submission.submissionId}" part="dilemma-open-button" aria-describedby="dl-received-${submission.submissionId}" @click=${() => void page.open(submission)}>${t('dlOpen')}</button>
    </p>
    ${page.keyFor === submission.submissionId ? keyForm(context, page) : nothing}`;
}

/** The organisation's key file, when the session has no key yet; it stays in the session's keyring. */
function keyForm(context: DilemmaContext, page: DilemmasPage): TemplateResult {
  const { t } = context;
  const problem = page.keyProblem;
  const submit = (event: Event) => {
    event.preventDefault();
    const input = (event.target as HTMLFormElement).querySelector<HTMLInputElement>('#dl-key-file');
    void page.importKey(input?.files?.[0]);
  };
  return html`<form novalidate class="key" @submit=${submit}>
    <p id="dl-key-intro" tabindex="-1">${t('dlKeyIntro')}</p>
    <div class="field">
      <label for="dl-key-file">${t('dlKeyFile')}</label>
      <input id="dl-key-file" type="file" accept=".json,.jwk,application/json" aria-describedby="dl-key-intro dl-key-problem" aria-invalid=${problem ? 'true' : 'false'} />
    </div>
    <p id="dl-key-problem" role="status" tabindex="-1" class=${problem ? 'notice' : ''}>${problem ? t(problem) : ''}</p>
    <button type="submit" part="dilemma-key-button">${t('dlKeyButton')}</button>
  </form>`;
}

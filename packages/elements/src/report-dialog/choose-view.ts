import { html, nothing, type TemplateResult } from 'lit';
import { emit } from '../base/events.js';
import { safeHref } from '../base/safe-url.js';
import type { DialogContext } from './dialog-context.js';

/**
 * Takes the person to the support directory on the page: scrolled to and with focus on its heading,
 * so that keyboard and screen-reader users arrive there too, not only the eyes.
 */
function focusDirectory(directory: Element): void {
  directory.scrollIntoView({ block: 'start' });
  const heading = directory.shadowRoot?.querySelector<HTMLElement>('[part="heading"]');
  if (!heading) return;
  // Focusable by script only, as the dialog's own step headings are.
  heading.tabIndex = -1;
  heading.focus({ preventScroll: true });
}

/** "Help now": the page decides first (its own support page or directory), else the dialog shows 112 and the support link. */
function chooseSupport(context: DialogContext): void {
  const handledByPage = !emit(context.host, 'weerbaar-support-request', {});
  const directory = document.querySelector('weerbaar-support-directory');
  if (handledByPage) return context.close();
  if (directory) return context.close(() => focusDirectory(directory));
  void context.flow.go({ name: 'support' });
}

/** The first step: help now, a report to the organisation, or an anonymous tip elsewhere. */
export function chooseView(context: DialogContext): TemplateResult {
  const { t, flow } = context;
  return html`
    ${context.heading(t('chooseHeading'))}
    <ul class="choices" part="choices">
      <li>
        <button type="button" class="choice" aria-describedby="support-hint" @click=${() => chooseSupport(context)}>${t('chooseSupport')}</button>
        <p id="support-hint" class="hint">${t('chooseSupportHint')}</p>
      </li>
      <li>
        <button type="button" class="choice" aria-describedby="report-hint" @click=${() => flow.startForm()}>${t('chooseReport')}</button>
        <p id="report-hint" class="hint">${t('chooseReportHint')}</p>
      </li>
      <li>
        <a class="choice" href="https://www.meldmisdaadanoniem.nl/" target="_blank" rel="noopener noreferrer" aria-describedby="tip-hint">${t('chooseTip')}</a>
        <p id="tip-hint" class="hint">${t('chooseTipHint')} <a href="tel:08007000">${t('tipPhone')}</a></p>
      </li>
    </ul>
    <p class="follow-up-link">${t('haveCode')} <button type="button" class="link" @click=${() => flow.go({ name: 'follow-up' })}>${t('followUpLink')}</button></p>
  `;
}

/** Shown when nothing on the page handles "help now": 112 and the page's support link. */
export function supportView(context: DialogContext): TemplateResult {
  const { t, flow, supportHref } = context;
  const href = safeHref(supportHref ? new URL(supportHref, document.baseURI).href : undefined);
  return html`
    ${context.heading(t('supportHeading'))}
    <p>${t('supportText')}</p>
    ${href ? html`<p><a href=${href}>${t('supportLink')}</a></p>` : nothing}
    <div class="actions"><button type="button" class="secondary" @click=${() => flow.go({ name: 'choose' })}>${t('back')}</button></div>
  `;
}

import { html, nothing, type TemplateResult } from 'lit';
import type { DialogContext } from './dialog-context.js';

/** Moves focus to a field named in the error summary. */
function focusField(host: Element, field: string, event: Event): void {
  event.preventDefault();
  // Field names hold the backend's question and consent ids: escaped, so no id can break the selector.
  (host.getRootNode() as ShadowRoot | Document).querySelector<HTMLElement>(`[data-field="${CSS.escape(field)}"]`)?.focus();
}

/**
 * The GOV.UK error summary: a box above the step that gets focus, with a link to each field that
 * needs attention; each link moves focus to its field.
 */
export function errorSummary(context: DialogContext): TemplateResult | typeof nothing {
  const { problems } = context.flow;
  if (problems.length === 0) return nothing;
  return html`<div id="error-summary" class="error-summary" part="error-summary" tabindex="-1" aria-labelledby="error-summary-title">
    ${context.heading(context.t('errorSummaryTitle'), { id: 'error-summary-title', depth: 1 })}
    <ul>
      ${problems.map((problem) =>
        problem.field
          ? html`<li><a href="#${problem.field}" @click=${(event: Event) => focusField(event.currentTarget as Element, problem.field!, event)}>${problem.message}</a></li>`
          : html`<li>${problem.message}</li>`,
      )}
    </ul>
  </div>`;
}

import { html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { ProtocolDrill } from '@weerbaar/sdk/handler';
import { matchesShape, type Shape } from '../base/shape.js';
import type { CaseInboxStringKey } from './case-inbox.strings.js';
import type { ConsoleSession } from './console-session.js';
import type { InboxContext } from './inbox-context.js';

const stepShape: Shape = { stepId: 's', title: 's', ownerGroupId: 's', activeHandlers: 'n', result: 's', findings: ['s'] };
const drillShape: Shape = {
  protocols: [{ protocolId: 's', title: 's', steps: [stepShape] }],
  summary: { steps: 'n', unreachable: 'n', warnings: 'n', passed: 'b' },
};
const results = ['ok', 'warning', 'unreachable'];
const findings = ['unknown-group', 'no-handler', 'no-notice-address', 'due-before-previous', 'no-office-hours-before-due'];

/**
 * The protocol drill for admins (`runProtocolDrill`): a button that runs a made-up report through
 * every protocol step on the backend (nothing is stored) and the answer as a list per protocol.
 */
export class DrillPanel {
  drill: ProtocolDrill | undefined;
  status: 'idle' | 'running' | 'ready' | 'error' = 'idle';
  readonly #host: ReactiveControllerHost;
  readonly #session: ConsoleSession;
  readonly #focus: (selector: string) => void;

  constructor(host: ReactiveControllerHost, session: ConsoleSession, focus: (selector: string) => void) {
    this.#host = host;
    this.#session = session;
    this.#focus = focus;
  }

  async run(lang: string): Promise<void> {
    if (this.status === 'running') return;
    this.status = 'running';
    this.#host.requestUpdate();
    try {
      const answer = await this.#session.call(this.#session.generation, (client) => client.runProtocolDrill({}, { lang }));
      if (answer === undefined) return;
      if (!matchesShape(answer, drillShape)) throw new Error('The backend answered the drill in a shape the console cannot show.');
      this.drill = answer;
      this.status = 'ready';
    } catch {
      this.status = 'error';
    }
    this.#host.requestUpdate();
    // The outcome is read first: focus moves to the summary line.
    this.#focus('#drill-summary');
  }
}

/** A code the backend may extend: shown only when this console has words for it. */
const known = (list: string[], code: string) => list.includes(code);

/** The drill section: a short explanation, the button, the summary and each step with what was found. */
export function drillView(context: InboxContext, panel: DrillPanel): TemplateResult {
  const { text } = context;
  const drill = panel.status === 'ready' ? panel.drill : undefined;
  const summary = drill
    ? drill.summary.passed
      ? text('drillPassed', { steps: drill.summary.steps, warnings: drill.summary.warnings })
      : text('drillFailed', { steps: drill.summary.steps, unreachable: drill.summary.unreachable })
    : panel.status === 'running'
      ? text('drillRunning')
      : panel.status === 'error'
        ? text('accountsError')
        : '';
  return html`<section aria-labelledby="drill-heading" part="drill">
    ${context.heading(1, html`<span id="drill-heading">${text('drillHeading')}</span>`)}
    <p>${text('drillIntro')}</p>
    <p><button type="button" part="drill-button" ?disabled=${panel.status === 'running'} @click=${() => panel.run(context.locale)}>${text('drillButton')}</button></p>
    <p id="drill-summary" role="status" class="status" tabindex="-1">${summary}</p>
    ${drill
      ? drill.protocols.map(
          (protocol) => html`${context.heading(2, protocol.title)}
            <ul class="drill-steps">
              ${protocol.steps.map(
                (step) => html`<li data-result=${step.result}>
                  ${text('drillStep', {
                    title: step.title,
                    group: step.ownerGroupId,
                    count: step.activeHandlers,
                    result: known(results, step.result) ? text(`drillResult-${step.result}` as CaseInboxStringKey) : step.result,
                  })}
                  ${step.findings.some((finding) => known(findings, finding))
                    ? html`<ul>${step.findings.filter((finding) => known(findings, finding)).map((finding) => html`<li>${text(`drillFinding-${finding}` as CaseInboxStringKey)}</li>`)}</ul>`
                    : nothing}
                </li>`,
              )}
            </ul>`,
        )
      : nothing}
  </section>`;
}

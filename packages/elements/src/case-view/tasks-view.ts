import { html, nothing, type TemplateResult } from 'lit';
import type { CaseTask, ProtocolCollection } from '@weerbaar/sdk/handler';
import { daysUntil, labelIn } from './case-data.js';
import { actorName, dateAndTime, dateInWords, notice, type CaseContext, type Loaded } from './case-context.js';
import type { SafetyNet } from './safety-net.js';

type Step = ProtocolCollection['items'][number]['steps'][number];
type Source = NonNullable<Step['sources']>[number];

/**
 * The case's tasks in the protocol's order: who (a group), by when (late in words, not only in
 * colour), done by whom and when; a checkbox ticks a task off or opens it again, and the section's
 * live region confirms it. A step's legal basis and sources come from the protocol.
 */
export class TasksView {
  constructor(private readonly context: CaseContext) {}

  async #tick(task: CaseTask, done: boolean, field: string): Promise<void> {
    const { context } = this;
    try {
      await context.client.setTaskStatus(context.caseId, task.taskId, done ? 'done' : 'open', { lang: context.locale });
    } catch (error) {
      if (context.sessionEnded(error)) return;
      context.notices.set('tasks', { text: context.t('actionFailed'), error: true, field });
      return context.focus(field);
    }
    context.notices.set('tasks', { text: context.t(done ? 'taskTicked' : 'taskReopened', { title: task.title }) });
    context.changed();
    await context.reload();
    // The list is drawn again: the same checkbox keeps the focus, for the next Space or Tab.
    await context.focus(field);
  }

  #due(task: CaseTask): TemplateResult {
    const { context } = this;
    const { t } = context;
    const date = dateInWords(context, task.dueAt);
    const due = Date.parse(task.dueAt);
    if (task.status === 'done' || Number.isNaN(due)) return html`<p class="meta">${t('taskDue', { date })}</p>`;
    const days = daysUntil(task.dueAt);
    const late = due < Date.now();
    const left = late ? t('overdue') : date === dateInWords(context, new Date().toISOString()) ? t('dueToday') : days <= 1 ? t('dayLeft') : t('daysLeft', { count: days });
    return html`<p class=${late ? 'overdue' : 'meta'}>${t('taskDue', { date })} (<strong>${left}</strong>)</p>`;
  }

  /** How the step is done, its legal basis and its sources, as the protocol gives them. */
  #step(step: Step | undefined): TemplateResult | typeof nothing {
    if (!step) return nothing;
    const { t } = this.context;
    const source = (item: Source) => (item.url?.startsWith('https://') ? html`<a href=${item.url} rel="noopener noreferrer" target="_blank">${item.title}</a>` : item.title);
    return html`${step.description ? html`<p class="quote">${step.description}</p>` : nothing}
    ${step.legalBasis
      ? html`<p>${t('taskLegalBasis', { text: step.legalBasis.text })}${step.legalBasis.source ? html` (${source(step.legalBasis.source)})` : nothing}</p>`
      : nothing}
    ${step.sources?.length
      ? html`<p class="meta">${t('taskSources')}:</p>
          <ul>
            ${step.sources.map((item) => html`<li>${source(item)}</li>`)}
          </ul>`
      : nothing}`;
  }

  render({ groups }: Loaded, { tasks, protocols }: SafetyNet): TemplateResult {
    const { context } = this;
    const { t } = context;
    const groupName = (id: string) => labelIn(groups?.items.map((group) => ({ id: group.groupId, label: group.name })), id);
    const stepOf = (task: CaseTask) => protocols?.items.find((protocol) => protocol.id === task.protocolId)?.steps.find((step) => step.id === task.stepId);
    return html`<section aria-labelledby="tasks-heading">
      ${context.heading(1, t('tasksHeading'), 'tasks-heading')}
      ${tasks.items.length === 0
        ? html`<p>${t('tasksNone')}</p>`
        : html`<p>${t('tasksIntro')}</p>
            <ol class="notes tasks" part="tasks">
              ${tasks.items.map((task, index) => {
                const id = `task-${index}`;
                return html`<li>
                  <div class="option">
                    <input
                      type="checkbox"
                      id=${id}
                      class="no-print"
                      aria-describedby="${id}-due tasks-notice"
                      .checked=${task.status === 'done'}
                      @change=${(event: Event) => void this.#tick(task, (event.target as HTMLInputElement).checked, id)}
                    />
                    <label for=${id}><strong>${task.title}</strong></label>
                  </div>
                  <div id="${id}-due">
                    <p class="meta">${t('taskOwner', { group: groupName(task.ownerGroupId) })}</p>
                    ${this.#due(task)}
                    ${task.status === 'done' && task.doneAt
                      ? html`<p>${t('taskDoneBy', { name: task.doneBy ? actorName(context, task.doneBy) : '', date: dateAndTime(context, task.doneAt) })}</p>`
                      : nothing}
                  </div>
                  ${task.visibleToReporter ? html`<p class="meta">${t('taskReporterSees')}</p>` : nothing} ${this.#step(stepOf(task))}
                </li>`;
              })}
            </ol>`}
      ${notice(context, 'tasks')}
    </section>`;
  }
}

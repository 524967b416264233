// The safety net on a case (issue 16): the protocol's tasks, the people affected by role, and the
// aftercare check-ins. Read together when the backend advertises `caseManagement.protocols`, and
// checked first: a compromised backend gets the error state, never a half-rendered view.
import { html, nothing, type TemplateResult } from 'lit';
import type { CaseCheckIns, ProtocolCollection, TaskList } from '@weerbaar/sdk/handler';
import { matchesShape, type Shape } from '../base/shape.js';
import { AffectedView } from './affected-view.js';
import type { CaseContext, Loaded } from './case-context.js';
import type { Case, Discovery } from './case-data.js';
import { CheckInsView } from './check-ins-view.js';
import { TasksView } from './tasks-view.js';

/** What the case view read of the safety net for one case. */
export interface SafetyNet {
  tasks: TaskList;
  checkIns: CaseCheckIns;
  /** The protocols in the view's language, for a step's legal basis and sources (absent when they could not be read). */
  protocols?: ProtocolCollection | undefined;
}

const sourceShape: Shape = { title: 's', 'url?': 's' };
const taskListShape: Shape = {
  items: [{ taskId: 's', protocolId: 's', stepId: 's', title: 's', ownerGroupId: 's', dueAt: 's', status: 's', 'doneAt?': 's', 'doneBy?': { kind: 's', 'name?': 's' }, visibleToReporter: 'b' }],
};
const checkInsShape: Shape = {
  stopped: 'b',
  items: [
    {
      checkInId: 's',
      opensAt: 's',
      dueAt: 's',
      status: 's',
      'answeredAt?': 's',
      'taskId?': 's',
      'answer?': { wellbeing: 's', feelsSafe: 's', wantsContact: 'b', 'text?': 's', 'encryptedText?': {} },
    },
  ],
};
const protocolsShape: Shape = {
  items: [{ id: 's', steps: [{ id: 's', 'description?': 's', 'legalBasis?': { text: 's', 'source?': sourceShape }, 'sources?': [sourceShape] }] }],
};

/** The tasks, the people affected and the check-ins of a case, each its own section. */
export class SafetyNetView {
  readonly #tasks: TasksView;
  readonly #affected: AffectedView;
  readonly #checkIns: CheckInsView;
  /** The protocols per language: content that changes rarely, read once per language. */
  readonly #protocols = new Map<string, Promise<ProtocolCollection | undefined>>();

  constructor(private readonly context: CaseContext) {
    this.#tasks = new TasksView(context);
    this.#affected = new AffectedView(context);
    this.#checkIns = new CheckInsView(context);
  }

  /** Reads the safety net of the case; `undefined` when the backend has none. Rejects on an answer of the wrong shape. */
  async read(discovery: Discovery): Promise<SafetyNet | undefined> {
    if (!discovery.capabilities.caseManagement?.protocols) return undefined;
    const { client, caseId, locale } = this.context;
    if (!this.#protocols.has(locale)) {
      this.#protocols.set(
        locale,
        client.getProtocols({ lang: locale }).then(
          (protocols) => (matchesShape(protocols, protocolsShape) ? protocols : undefined),
          () => undefined,
        ),
      );
    }
    const [tasks, checkIns, protocols] = await Promise.all([client.listTasks(caseId, { lang: locale }), client.listCheckIns(caseId), this.#protocols.get(locale)]);
    if (!matchesShape(tasks, taskListShape) || !matchesShape(checkIns, checkInsShape)) throw new Error('The backend answered the safety net in a shape the view cannot show.');
    return { tasks, checkIns, protocols };
  }

  /** A case just read afresh: the people affected chosen as recorded, nothing opened yet. */
  start(found: Case): void {
    this.#affected.start(found);
    this.#checkIns.reset();
  }

  /** Off the page: keep nothing of the case (opened answers included). */
  reset(): void {
    this.#checkIns.reset();
  }

  render(loaded: Loaded): TemplateResult | typeof nothing {
    const { safetyNet } = loaded;
    if (!safetyNet) return nothing;
    return html`${this.#tasks.render(loaded, safetyNet)} ${this.#affected.render(loaded, safetyNet)} ${this.#checkIns.render(safetyNet)}`;
  }
}

import type { ReactiveController, ReactiveElement } from 'lit';

/**
 * Where focus goes when the dialog changes step, and what screen readers hear: the new step's
 * heading gets focus (or the error summary, or a field) after the render that shows it, and the
 * live region says where the person is now. One place, so that every step moves focus the same way.
 */
export class StepFocus implements ReactiveController {
  /** What the dialog's live region says: the step the person arrived at, or a result. */
  announcement = '';
  readonly #host: ReactiveElement;
  #target: string | undefined;

  constructor(host: ReactiveElement) {
    this.#host = host;
    host.addController(this);
  }

  /** Focuses the element matching `selector` after the next render. */
  moveTo(selector: string): void {
    this.#target = selector;
    this.#host.requestUpdate();
  }

  /** Says `text` in the live region. */
  announce(text: string): void {
    this.announcement = text;
    this.#host.requestUpdate();
  }

  /** Says the current step's heading, as it is rendered (with "step n of m"). */
  announceHeading(): void {
    this.announce(this.#host.renderRoot.querySelector('#step-heading')?.textContent?.replace(/\s+/g, ' ').trim() ?? '');
  }

  hostUpdated(): void {
    if (!this.#target) return;
    this.#host.renderRoot.querySelector<HTMLElement>(this.#target)?.focus();
    this.#target = undefined;
  }
}

/**
 * The events Weerbaar elements fire for the host page and for each other. They bubble and cross
 * shadow boundaries. None of them ever carries what a person typed or answered beyond what the
 * detail below says.
 */
export interface WeerbaarEventDetails {
  /**
   * Someone asked to make a report. `signals` holds only the ids of the checklist signals the
   * person agreed to take into the report (empty without that consent). Cancelable: the report
   * button calls `preventDefault()` when it opens its dialog, so a fallback link is not followed.
   */
  'weerbaar-report-request': { signals: string[] };
  /** Someone asked for support (a norm link or a checklist next step). Cancelable, like the above. */
  'weerbaar-support-request': Record<string, never>;
  /** A norm statement was dismissed. */
  'weerbaar-norm-dismiss': { id: string; version: number };
  /** A report was stored. Only when: never its content, its category or its receipt. */
  'weerbaar-report-submitted': { submittedAt: string };
  /** The report dialog opened, at the start (`report`) or at the receipt entry (`follow-up`). */
  'weerbaar-report-dialog-open': { mode: 'report' | 'follow-up' };
  /** The report dialog closed; everything typed into it is gone. */
  'weerbaar-report-dialog-close': Record<string, never>;
  /** A dilemma was shared (`<weerbaar-dilemma-cards>`). Only when: never its text, role, theme or read code. */
  'weerbaar-dilemma-shared': { receivedAt: string };
}

export type WeerbaarEventName = keyof WeerbaarEventDetails;

/** Dispatches a typed Weerbaar event; returns false when a listener cancelled it. */
export function emit<K extends WeerbaarEventName>(target: EventTarget, name: K, detail: WeerbaarEventDetails[K]): boolean {
  return target.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true, cancelable: true }));
}

declare global {
  interface HTMLElementEventMap {
    'weerbaar-report-request': CustomEvent<WeerbaarEventDetails['weerbaar-report-request']>;
    'weerbaar-support-request': CustomEvent<WeerbaarEventDetails['weerbaar-support-request']>;
    'weerbaar-norm-dismiss': CustomEvent<WeerbaarEventDetails['weerbaar-norm-dismiss']>;
    'weerbaar-report-submitted': CustomEvent<WeerbaarEventDetails['weerbaar-report-submitted']>;
    'weerbaar-report-dialog-open': CustomEvent<WeerbaarEventDetails['weerbaar-report-dialog-open']>;
    'weerbaar-report-dialog-close': CustomEvent<WeerbaarEventDetails['weerbaar-report-dialog-close']>;
    'weerbaar-dilemma-shared': CustomEvent<WeerbaarEventDetails['weerbaar-dilemma-shared']>;
  }
}

import { defineElement } from '../base/define-element.js';
import { ReportButton } from './report-button.js';
// Brings the typed events (base/events' HTMLElementEventMap) to users of this entry alone, without
// the main entry.
export type { WeerbaarEventDetails, WeerbaarEventName } from '../base/events.js';

defineElement('weerbaar-report-button', ReportButton);

declare global {
  interface HTMLElementTagNameMap {
    'weerbaar-report-button': ReportButton;
  }
}

import { defineElement } from '../base/define-element.js';
import { SignalChecklist } from './signal-checklist.js';
// Brings the typed events (base/events' HTMLElementEventMap) to users of this entry alone, without
// the main entry.
export type { WeerbaarEventDetails, WeerbaarEventName } from '../base/events.js';

defineElement('weerbaar-signal-checklist', SignalChecklist);

declare global {
  interface HTMLElementTagNameMap {
    'weerbaar-signal-checklist': SignalChecklist;
  }
}

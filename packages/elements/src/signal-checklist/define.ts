import { defineElement } from '../base/define-element.js';
import { SignalChecklist } from './signal-checklist.js';

defineElement('weerbaar-signal-checklist', SignalChecklist);

declare global {
  interface HTMLElementTagNameMap {
    'weerbaar-signal-checklist': SignalChecklist;
  }
}

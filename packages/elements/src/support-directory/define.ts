import { defineElement } from '../base/define-element.js';
import { SupportDirectory } from './support-directory.js';
// Brings the typed events (base/events' HTMLElementEventMap) to users of this entry alone, without
// the main entry.
export type { WeerbaarEventDetails, WeerbaarEventName } from '../base/events.js';

defineElement('weerbaar-support-directory', SupportDirectory);

declare global {
  interface HTMLElementTagNameMap {
    'weerbaar-support-directory': SupportDirectory;
  }
}

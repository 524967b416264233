import { defineElement } from '../base/define-element.js';
import { NormBanner } from './norm-banner.js';
// Brings the typed events (base/events' HTMLElementEventMap) to users of this entry alone, without
// the main entry.
export type { WeerbaarEventDetails, WeerbaarEventName } from '../base/events.js';

defineElement('weerbaar-norm-banner', NormBanner);

declare global {
  interface HTMLElementTagNameMap {
    'weerbaar-norm-banner': NormBanner;
  }
}

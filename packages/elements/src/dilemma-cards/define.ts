import { defineElement } from '../base/define-element.js';
import { DilemmaCards } from './dilemma-cards.js';
// Brings the typed events (base/events' HTMLElementEventMap) to users of this entry alone, without
// the main entry.
export type { WeerbaarEventDetails, WeerbaarEventName } from '../base/events.js';

defineElement('weerbaar-dilemma-cards', DilemmaCards);

declare global {
  interface HTMLElementTagNameMap {
    'weerbaar-dilemma-cards': DilemmaCards;
  }
}

import { defineElement } from '../base/define-element.js';
import { CaseInbox } from './case-inbox.js';

defineElement('weerbaar-case-inbox', CaseInbox);

declare global {
  interface HTMLElementTagNameMap {
    'weerbaar-case-inbox': CaseInbox;
  }
}

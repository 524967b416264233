import { defineElement } from '../base/define-element.js';
import { CaseView } from './case-view.js';

export type { CaseViewEventDetails } from './case-view.js';

defineElement('weerbaar-case-view', CaseView);

declare global {
  interface HTMLElementTagNameMap {
    'weerbaar-case-view': CaseView;
  }
}

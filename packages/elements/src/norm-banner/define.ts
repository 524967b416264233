import { defineElement } from '../base/define-element.js';
import { NormBanner } from './norm-banner.js';

defineElement('weerbaar-norm-banner', NormBanner);

declare global {
  interface HTMLElementTagNameMap {
    'weerbaar-norm-banner': NormBanner;
  }
}

import { defineElement } from '../base/define-element.js';
import { SupportDirectory } from './support-directory.js';

defineElement('weerbaar-support-directory', SupportDirectory);

declare global {
  interface HTMLElementTagNameMap {
    'weerbaar-support-directory': SupportDirectory;
  }
}

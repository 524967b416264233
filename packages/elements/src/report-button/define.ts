import { defineElement } from '../base/define-element.js';
import { ReportButton } from './report-button.js';

defineElement('weerbaar-report-button', ReportButton);

declare global {
  interface HTMLElementTagNameMap {
    'weerbaar-report-button': ReportButton;
  }
}

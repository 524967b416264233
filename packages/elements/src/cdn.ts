// The CDN's `weerbaar.js`: every Weerbaar element, each registered when the page needs it
// (base/define-when-needed.ts). The code is one file all the same: split per element, the four
// cost ~4 kB more on the wire (each file compressed apart). `define.ts` registers all four at once.
import { defineWhenNeeded } from './base/define-when-needed.js';
import { NormBanner } from './norm-banner/norm-banner.js';
import { ReportButton } from './report-button/report-button.js';
import { SignalChecklist } from './signal-checklist/signal-checklist.js';
import { SupportDirectory } from './support-directory/support-directory.js';

defineWhenNeeded({
  'weerbaar-report-button': ReportButton,
  'weerbaar-norm-banner': NormBanner,
  'weerbaar-signal-checklist': SignalChecklist,
  'weerbaar-support-directory': SupportDirectory,
});

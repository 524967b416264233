import type { ReportButtonStringKey } from './report-button.strings.js';

// The English table: loaded only where an element's language is English (see the elements README,
// "How languages load"); the Dutch one, the default, is in `report-button.strings.ts`.
const en: Record<ReportButtonStringKey, string> = {
  report: 'Report misconduct',
  followUp: 'Follow your report',
  opensInWindow: 'The form opens in a separate window, because this page also loads code from other parties that could see what you type.',
  loadFailed: 'The form could not be loaded. Check your connection and try again.',
};

export default en;

import type { StringTables } from '../base/strings.js';

/** The texts the button needs before it is pressed; the dialog's own texts load with the dialog. */
export type ReportButtonStringKey = 'report' | 'followUp' | 'opensInWindow' | 'loadFailed';

export const reportButtonStrings: StringTables<ReportButtonStringKey> = {
  nl: {
    report: 'Meld een misstand',
    followUp: 'Volg uw melding',
    opensInWindow: 'Het formulier opent in een apart venster, omdat deze pagina ook code van andere partijen laadt die zou kunnen meekijken.',
    loadFailed: 'Het formulier kon niet worden geladen. Controleer uw verbinding en probeer het opnieuw.',
  },
  en: {
    report: 'Report misconduct',
    followUp: 'Follow your report',
    opensInWindow: 'The form opens in a separate window, because this page also loads code from other parties that could see what you type.',
    loadFailed: 'The form could not be loaded. Check your connection and try again.',
  },
};

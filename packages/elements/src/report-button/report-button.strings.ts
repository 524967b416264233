import type { LocalizedStrings } from '../base/strings.js';

/** The texts the button needs before it is pressed; the dialog's own texts load with the dialog. */
export type ReportButtonStringKey = 'report' | 'followUp' | 'opensInWindow' | 'loadFailed';

export const reportButtonStrings: LocalizedStrings<ReportButtonStringKey> = {
  nl: {
    report: 'Meld een misstand',
    followUp: 'Volg uw melding',
    opensInWindow: 'Het formulier opent in een apart venster, omdat deze pagina ook code van andere partijen laadt die zou kunnen meekijken.',
    loadFailed: 'Het formulier kon niet worden geladen. Controleer uw verbinding en probeer het opnieuw.',
  },
  en: () => import('./report-button.strings.en.js'),
};

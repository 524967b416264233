// The element classes and their building blocks, without registering anything: importing this
// entry has no side effects. Register with `@weerbaar/elements/define` (all) or one element's
// `@weerbaar/elements/<name>/define.js`.
export { NormBanner, type NormBannerVariant } from './norm-banner/norm-banner.js';
export { normBannerStrings, type NormBannerStringKey } from './norm-banner/norm-banner.strings.js';
export { SignalChecklist } from './signal-checklist/signal-checklist.js';
export { signalChecklistStrings, type SignalChecklistStringKey } from './signal-checklist/signal-checklist.strings.js';
export { computeAdvice, applicableRule, themeScore, type ChecklistAdvice, type AdviceRule, type NextStep } from './signal-checklist/advice.js';
export { SupportDirectory } from './support-directory/support-directory.js';
export { supportDirectoryStrings, type SupportDirectoryStringKey } from './support-directory/support-directory.strings.js';
export { filterContacts, type ContactFilters } from './support-directory/filter-contacts.js';
export { ReportButton, type ReportButtonMode, type ReportButtonIsolation, type ReportButtonStringKeys } from './report-button/report-button.js';
export { reportButtonStrings, type ReportButtonStringKey } from './report-button/report-button.strings.js';
export { hasThirdPartyCode, trackerGlobals } from './report-button/isolation.js';
export { DilemmaCards, type DilemmaCardsView } from './dilemma-cards/dilemma-cards.js';
export { dilemmaCardsStrings, type DilemmaCardsStringKey } from './dilemma-cards/dilemma-cards.strings.js';
export { dilemmaShareStrings, type DilemmaShareStringKey } from './dilemma-cards/share-form.strings.js';
export { reportDialogStrings, type ReportDialogStringKey } from './report-dialog/report-dialog.strings.js';
export { defineElement } from './base/define-element.js';
export { WeerbaarElement, type ContentStatus } from './base/weerbaar-element.js';
export { LocaleController, type LocaleHost } from './base/locale-controller.js';
export type { WeerbaarEventDetails, WeerbaarEventName } from './base/events.js';
export { supportedLocales, defaultLocale, type SupportedLocale } from './base/locale.js';
export type { LocalizedStrings, StringTableLoader, StringTables } from './base/strings.js';

// `@weerbaar/elements/inbox`: the console for the people who handle reports. Its own entry, never
// part of the public elements (`define`, `weerbaar.js`): a reporter's browser never downloads it.
// Importing it registers `<weerbaar-case-inbox>` (a name already taken is left alone).
import './case-inbox/define.js';

export { CaseInbox, casesPerPage, defaultIdleSeconds } from './case-inbox/case-inbox.js';
export { InboxOrder, type InboxFilters, type PageReader } from './case-inbox/inbox-order.js';
export { caseInboxStrings, type CaseInboxStringKey } from './case-inbox/case-inbox.strings.js';
export { legalClock, type DeadlineKind, type LegalClock } from './case-inbox/legal-clock.js';

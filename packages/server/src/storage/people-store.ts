// People who sign in, and who may work which case (migration 7), as one store over the same
// database: passkeys and sign-in (credential-store.ts), accounts and invitations
// (account-store.ts), groups, routing and access per case (case-access-store.ts). Each concern is a
// layer of this one class, so callers keep one `people` handle; each layer is written once in
// shared SQL over a SqlDriver, so SQLite and PostgreSQL run the same statements.
import { CaseAccessStore } from './case-access-store.js';

/** How callers of createAccount and updateAccount tell that an e-mail address is taken (a unique violation on either engine). */
export { isUniqueViolation } from './sql-driver.js';
export type { AccountChange, AccountRole, NewAccount, NewInvitation, StoredAccount } from './account-store.js';
export type { Ceremony, CeremonyKind, NewSignInSession, StoredPasskey, StoredSignInSession, StoredWrappedKey } from './credential-store.js';
export {
  ACCESSIBLE_CASE_CONDITION,
  accessibleCaseParams,
  type CaseAccessEntry,
  type CaseAccessKind,
  type ReporterRole,
  type StoredCaseAccess,
  type StoredGroup,
  type StoredRouting,
} from './case-access-store.js';

export class PeopleStore extends CaseAccessStore {}

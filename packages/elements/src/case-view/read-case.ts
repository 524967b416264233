// Reading one case for the case view: the case and what goes with it, each piece only when the
// backend offers it, all checked before anything renders (a compromised backend gets the error state).
import type { WeerbaarHandlerClient } from '@weerbaar/sdk/handler';
import type { SupportedLocale } from '../base/locale.js';
import type { Loaded } from './case-context.js';
import { isCase, isCaseAccess, isCaseOptions, isGroupList, isMinutesList, isNoteList, peopleIn, type Discovery } from './case-data.js';
import type { SafetyNet } from './safety-net.js';

export interface ReadCaseOptions {
  locale: SupportedLocale;
  /** Only admins may list every account; others choose among the groups' members. */
  admin: boolean;
  /** The safety net, read alongside (it is the safety net view's to read). */
  safetyNet: Promise<SafetyNet | undefined>;
}

/** The case and what goes with it; undefined when an answer is not what the contract says. Errors (401, 403, 404) are thrown. */
export async function readCase(client: WeerbaarHandlerClient, caseId: string, discovery: Discovery, { locale, admin, safetyNet }: ReadCaseOptions): Promise<Loaded | undefined> {
  const caseManagement = discovery.capabilities.caseManagement ?? {};
  const signIn = !!caseManagement.signIn;
  const found = await client.getCase(caseId);
  if (!isCase(found)) return undefined;
  // Reading the minutes is recorded: only when the case has them.
  const hasMinutes = !!caseManagement.intake && !!found.minutes;
  const [options, notes, access, groups, accounts, minutes] = await Promise.all([
    caseManagement.workflow ? client.getCaseOptions({ lang: locale }).catch(() => undefined) : undefined,
    caseManagement.notes ? client.listNotes(caseId) : undefined,
    signIn ? client.getCaseAccess(caseId).catch(() => undefined) : undefined,
    signIn ? client.listGroups().catch(() => undefined) : undefined,
    signIn && admin ? client.listAccounts().then(({ items }) => items, () => []) : [],
    hasMinutes ? client.listMinutes(caseId) : undefined,
  ]);
  if ((notes !== undefined && !isNoteList(notes)) || (minutes !== undefined && !isMinutesList(minutes))) return undefined;
  const groupList = isGroupList(groups) ? groups : undefined;
  return {
    found,
    discovery,
    options: isCaseOptions(options) ? options : undefined,
    notes,
    access: isCaseAccess(access) ? access : undefined,
    groups: groupList,
    people: peopleIn(groupList, Array.isArray(accounts) ? accounts.filter((account) => typeof account?.accountId === 'string' && typeof account.displayName === 'string') : []),
    minutes,
    safetyNet: await safetyNet,
  };
}

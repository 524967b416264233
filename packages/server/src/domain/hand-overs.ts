// The chain hand-over (contract 1.2, `caseManagement.protocols`; the CCV model protocol in
// RECEIVING.md): a handler weighs a case and picks one of four exits. The package the receiver gets
// is made here, once, and stored as it was made: the handler's own summary (never the report's
// text), the category and reference, the people affected by role — and the reporter's identity
// (role and the contact details they left) only when the handler recorded the reporter's explicit
// consent with its date (Directive art. 16, Wbk art. 1a). The reporter sees only "referred".
import { createHash } from 'node:crypto';
import type { Schema } from '@weerbaar/spec';
import type { ProtocolCatalogue } from '../content/protocol-catalogue.js';
import { fieldError, ProblemError, type FieldError, type Language } from '../http/problems.js';
import { randomId } from '../security/tokens.js';
import type { StoredCase, StoredTask } from '../storage/store.js';

type HandOverRequest = Schema<'HandOverRequest'>;
type HandOverPackage = Schema<'HandOverPackage'>;

/** The one step the reporter sees of a hand-over, in every language the content has. */
export const REFERRED_TITLES: Readonly<Record<string, string>> = { nl: 'Doorverwezen', en: 'Referred' };

/** Exits that send the case to someone else, so the reporter is told it was referred. */
const REFERRING_EXITS: ReadonlySet<Schema<'HandOverExit'>> = new Set(['department', 'riec']);

/** Today's date (YYYY-MM-DD) on the organisation's wall clock. */
function localDate(instant: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(instant));
}

/**
 * The fields a hand-over still needs beyond its schema: a RIEC hand-over names its legal basis, a
 * department hand-over names the department, and consent cannot be dated after today. Throws the
 * 422 problem listing every one of them at once.
 */
export function requireCompleteHandOver(request: HandOverRequest, now: string, timeZone: string, language: Language): void {
  const errors: FieldError[] = [];
  if (request.exit === 'riec' && !request.legalBasis) errors.push(fieldError('/legalBasis', 'required', {}, language));
  if (request.exit === 'department' && !request.department) errors.push(fieldError('/department', 'required', {}, language));
  if (request.reporterConsent && request.reporterConsent.givenOn > localDate(now, timeZone)) {
    errors.push(fieldError('/reporterConsent/givenOn', 'maximum', { limit: localDate(now, timeZone) }, language));
  }
  if (errors.length) throw new ProblemError('hand-over-incomplete', { errors });
}

/** The reporter's identity for the package: their role and the contact details they left (none from a sealed report). */
function reporterIdentity(found: StoredCase): NonNullable<HandOverPackage['reporter']> {
  const contact = found.content?.contact;
  return {
    role: found.role,
    ...(contact?.name ? { name: contact.name } : {}),
    ...(contact?.email ? { email: contact.email } : {}),
    ...(contact?.phone ? { phone: contact.phone } : {}),
  };
}

/** The redacted package, as the receiver gets it. */
export function handOverPackage(
  protocols: ProtocolCatalogue,
  found: StoredCase,
  request: HandOverRequest,
  made: { at: string; by: Schema<'AuditActor'> },
): HandOverPackage {
  const consent = request.reporterConsent;
  return {
    handOverId: randomId('ho_'),
    caseReference: found.reference,
    exit: request.exit,
    ...(request.department ? { department: request.department } : {}),
    ...(request.legalBasis ? { legalBasis: request.legalBasis } : {}),
    summary: request.summary,
    category: found.category,
    receivedAt: found.receivedAt,
    handedOverAt: made.at,
    handedOverBy: made.by,
    affectedPeople: found.affectedPeople ?? protocols.affectedPeople(found.content) ?? [],
    ...(consent ? { reporterConsent: consent, reporter: reporterIdentity(found) } : {}),
  };
}

/** The hand-over as the case lists it: no summary, no identity. */
export function handOverListed(made: HandOverPackage): Schema<'HandOver'> {
  return {
    handOverId: made.handOverId,
    exit: made.exit,
    ...(made.department ? { department: made.department } : {}),
    ...(made.legalBasis ? { legalBasis: made.legalBasis } : {}),
    handedOverAt: made.handedOverAt,
    handedOverBy: made.handedOverBy,
    reporterConsent: made.reporterConsent !== undefined,
  };
}

/**
 * The reporter's visible "referred" step, done at the hand-over, for an exit that sends the case
 * on; its id is made from the case's, so the case has it once however often it is referred.
 */
export function referredTask(found: StoredCase, made: HandOverPackage, tasks: StoredTask[]): StoredTask | undefined {
  if (!REFERRING_EXITS.has(made.exit)) return undefined;
  const digest = createHash('sha256').update(found.id).digest('base64url').slice(0, 20);
  return {
    taskId: `t_referred_${digest}`,
    protocolId: 'chain-hand-over',
    stepId: 'referred',
    titles: { ...REFERRED_TITLES },
    ownerGroupId: found.groupId ?? tasks[0]?.ownerGroupId ?? 'integrity-officers',
    dueAt: made.handedOverAt,
    visibleToReporter: true,
    status: 'done',
    doneAt: made.handedOverAt,
    doneBy: made.handedOverBy,
  };
}

// Case management for handlers (integrity officers). A separate entry point, so that the citizen's
// browser never downloads it.
import { createDiscoveryCache } from './discovery.js';
import { WeerbaarCapabilityError } from './errors.js';
import { stringsIn } from './redact.js';
import { requireCapability } from './require-capability.js';
import { createTransport, json, type RequestOptions, type TransportOptions } from './transport.js';
import type {
  AuditExport,
  Case,
  CaseFilters,
  CaseList,
  CaseCounts,
  CaseCursorFilters,
  CaseCursorPage,
  CaseExportRecord,
  CaseExportRequest,
  CaseManagementCapability,
  CaseMessage,
  CaseNote,
  CaseOptions,
  ContentOptions,
  Discovery,
  HandlerMessageRequest,
  IntakeReceipt,
  IntakeRequest,
  MinutesList,
  MinutesVersion,
  MessageTemplates,
  NoteList,
  StatusChangeRequest,
} from './types.js';

export { auditEntryHash, verifyAuditTrail } from './audit-trail.js';
export type { AuditTrailProblem, AuditTrailProblemCode, AuditTrailVerification, KnownAuditHead } from './audit-trail.js';
export type { AuditEntry, AuditExport } from './types.js';

export interface HandlerClientOptions extends TransportOptions {
  /** The handler's bearer token, issued by the backend's administrator. */
  token: string;
}

export interface WeerbaarHandlerClient {
  discover(): Promise<Discovery>;
  listCases(filters?: CaseFilters): Promise<CaseList>;
  getCase(caseId: string): Promise<Case>;
  /** Records the acknowledgement (the 7-day duty); `message` is shown to the reporter. Idempotent. */
  acknowledge(caseId: string, message?: string): Promise<Case>;
  setStatus(caseId: string, change: StatusChangeRequest): Promise<Case>;
  /** A message of kind `feedback` records that feedback was given (the 3-month duty). */
  sendMessage(caseId: string, message: HandlerMessageRequest): Promise<CaseMessage>;
  /** The stored bytes; for an encrypted attachment the ciphertext (open it with `openAttachment`). */
  downloadAttachment(caseId: string, attachmentId: string): Promise<Uint8Array>;
  /** The case's whole audit trail (recorded as an export itself); check it with `verifyAuditTrail`. */
  getAuditTrail(caseId: string): Promise<AuditExport>;
  /** Gives the reporter feedback (the 3-month duty); the first stamps `deadlines.feedbackGivenAt`. Needs `caseManagement.workflow`. */
  giveFeedback(caseId: string, message: string): Promise<Case>;
  /** Sets a substatus from `getCaseOptions()` for the case's status, or clears it with `null`. Needs `caseManagement.workflow`. */
  setSubstatus(caseId: string, substatus: string | null): Promise<Case>;
  /** Statuses with substatuses, outcomes and channels, with labels. Needs `caseManagement.workflow`. */
  getCaseOptions(options?: ContentOptions): Promise<CaseOptions>;
  /** The organisation's texts for acknowledgement and feedback, to edit before sending. Needs `caseManagement.workflow`. */
  getMessageTemplates(options?: ContentOptions): Promise<MessageTemplates>;
  /** The internal notes, oldest first (sealed ones open with `openNote`). Needs `caseManagement.notes`. */
  listNotes(caseId: string): Promise<NoteList>;
  /** Adds an internal note, never shown to the reporter; sealed first when the backend advertises encryption. Needs `caseManagement.notes`. */
  addNote(caseId: string, text: string): Promise<CaseNote>;
  /** Records that a case record was exported; print the answer's `auditSeq` on it. Needs `caseManagement.workflow`. */
  recordExport(caseId: string, record: CaseExportRequest): Promise<CaseExportRecord>;
  /** One page of cases by cursor (pass the previous page's `nextCursor`), counting nothing. Needs `caseManagement.cursorPaging`. */
  pageCases(filters?: CaseCursorFilters, cursor?: string): Promise<CaseCursorPage>;
  /** How many cases there are in all, overdue, and per status, category and role. Needs `caseManagement.cursorPaging`. */
  countCases(): Promise<CaseCounts>;
  /**
   * Records a report received by phone or in a meeting, once however often the network retries (one
   * `Idempotency-Key` per call, or yours); the content is sealed when the backend advertises
   * encryption. Hand the answer's `receipt` to the reporter on the spot. Needs `caseManagement.intake`.
   */
  recordIntake(intake: IntakeRequest, options?: { idempotencyKey?: string }): Promise<IntakeReceipt>;
  /** Every version of the minutes, oldest first. Needs `caseManagement.intake`. */
  listMinutes(caseId: string): Promise<MinutesList>;
  /** A new version of the minutes based on the latest (`0` for the first); a stale one is a `conflict` error. Needs `caseManagement.intake`. */
  reviseMinutes(caseId: string, basedOnVersion: number, body: string): Promise<MinutesVersion>;
}

export function createHandlerClient({ token, ...transportOptions }: HandlerClientOptions): WeerbaarHandlerClient {
  const send = createTransport(transportOptions);
  const discovery = createDiscoveryCache(send);
  const caseUrl = (caseId: string, rest = '') => `cases/${encodeURIComponent(caseId)}${rest}`;

  // Checked first, so that a backend without case management fails with a clear error, not a 404.
  async function authorized(path: string, options: RequestOptions = {}, subCapability?: keyof CaseManagementCapability) {
    const caseManagement = await requireCapability(discovery, 'caseManagement');
    if (subCapability && !caseManagement[subCapability]) throw new WeerbaarCapabilityError(`caseManagement.${subCapability}`);
    return send(path, { ...options, headers: { ...options.headers, Authorization: `Bearer ${token}` }, secrets: [token, ...(options.secrets ?? [])] });
  }

  return {
    discover: discovery.discover,
    listCases: (filters) => json(authorized('cases', { searchParams: filters })),
    getCase: (caseId) => json(authorized(caseUrl(caseId))),
    // PUT of an acknowledgement is idempotent by contract, so it may be retried.
    acknowledge: (caseId, message) =>
      json(authorized(caseUrl(caseId, '/acknowledgement'), { method: 'put', json: message ? { message } : {}, retry: true })),
    setStatus: (caseId, change) => json(authorized(caseUrl(caseId, '/status'), { method: 'put', json: change })),
    sendMessage: (caseId, message) => json(authorized(caseUrl(caseId, '/messages'), { method: 'post', json: message })),
    async downloadAttachment(caseId, attachmentId) {
      const response = await authorized(caseUrl(caseId, `/attachments/${encodeURIComponent(attachmentId)}`));
      return new Uint8Array(await response.arrayBuffer());
    },
    getAuditTrail: (caseId) => json(authorized(caseUrl(caseId, '/audit'), {}, 'audit')),
    giveFeedback: (caseId, message) => json(authorized(caseUrl(caseId, '/feedback'), { method: 'post', json: { message } }, 'workflow')),
    // Setting the same substatus twice leaves the same case: safe to repeat.
    setSubstatus: (caseId, substatus) => json(authorized(caseUrl(caseId, '/substatus'), { method: 'put', json: { substatus }, retry: true }, 'workflow')),
    getCaseOptions: ({ lang } = {}) => json(authorized('case-options', { searchParams: { lang } }, 'workflow')),
    getMessageTemplates: ({ lang } = {}) => json(authorized('message-templates', { searchParams: { lang } }, 'workflow')),
    listNotes: (caseId) => json(authorized(caseUrl(caseId, '/notes'), {}, 'notes')),
    async addNote(caseId, text) {
      const { encryption } = (await discovery.discover()).capabilities;
      const body = encryption ? { encryptedBody: await (await import('./seal.js')).sealNote(encryption, text) } : { body: text };
      return json(authorized(caseUrl(caseId, '/notes'), { method: 'post', json: body, secrets: [text] }, 'notes'));
    },
    recordExport: (caseId, record) => json(authorized(caseUrl(caseId, '/exports'), { method: 'post', json: record }, 'workflow')),
    pageCases: (filters = {}, cursor) => json(authorized('cases', { searchParams: { ...filters, ...(cursor ? { cursor } : { paging: 'cursor' }) } }, 'cursorPaging')),
    countCases: () => json(authorized('case-counts', {}, 'cursorPaging')),
    async recordIntake(intake, { idempotencyKey = crypto.randomUUID() } = {}) {
      const { encryption } = (await discovery.discover()).capabilities;
      const { content, ...routing } = intake;
      const body = encryption ? { ...routing, encryptedContent: await (await import('./seal.js')).sealReportContent(encryption, content) } : intake;
      return json(
        authorized(
          'cases',
          // Safe to repeat: the backend answers every repeat of this key with the first answer (the same receipt).
          { method: 'post', json: body, headers: { 'Idempotency-Key': idempotencyKey }, retry: true, secrets: [...stringsIn(content), intake.minutes.body] },
          'intake',
        ),
      );
    },
    listMinutes: (caseId) => json(authorized(caseUrl(caseId, '/minutes'), {}, 'intake')),
    reviseMinutes: (caseId, basedOnVersion, body) =>
      json(authorized(caseUrl(caseId, '/minutes'), { method: 'post', json: { basedOnVersion, body }, secrets: [body] }, 'intake')),
  };
}

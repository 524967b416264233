// Case management for handlers (integrity officers), and signing in for people. A separate entry
// point, so that the citizen's browser never downloads it.
import { createContentReader } from './content-reader.js';
import { createDiscoveryCache } from './discovery.js';
import { WeerbaarCapabilityError } from './errors.js';
import { stringsIn } from './redact.js';
import { requireCapability } from './require-capability.js';
import { createTransport, json, type RequestOptions, type TransportOptions } from './transport.js';
import type {
  Account,
  AccountInvitationRequest,
  AccountList,
  AccountUpdate,
  AuditExport,
  Case,
  CaseAccess,
  CaseCounts,
  CaseCursorFilters,
  CaseCursorPage,
  CaseExportRecord,
  CaseExportRequest,
  CaseFilters,
  CaseList,
  CaseManagementCapability,
  CaseMessage,
  CaseNote,
  CaseOptions,
  AffectedRole,
  CaseCheckIns,
  CaseTask,
  HandOverList,
  HandOverPackage,
  HandOverRequest,
  ProtocolCollection,
  ProtocolDrill,
  ProtocolDrillRequest,
  TaskList,
  TaskStatus,
  ContentOptions,
  Discovery,
  Group,
  GroupDefinition,
  GroupList,
  HandlerMessageRequest,
  IntakeReceipt,
  IntakeRequest,
  Invitation,
  InvitedAccount,
  Me,
  MessageTemplates,
  ReportForm,
  MinutesList,
  MinutesVersion,
  NoteList,
  Routing,
  StatusChangeRequest,
  WrappedKey,
  WrappedKeyRequest,
  Statistics,
  DilemmaCardText,
  DilemmaDraft,
  DilemmaDraftList,
  DilemmaList,
} from './types.js';

export { auditEntryHash, verifyAuditTrail } from './audit-trail.js';
export type { AuditTrailProblem, AuditTrailProblemCode, AuditTrailVerification, KnownAuditHead } from './audit-trail.js';
export type {
  AffectedRole,
  AuditEntry,
  AuditExport,
  CaseCheckIn,
  CaseCheckIns,
  CaseTask,
  DrillFinding,
  DrillStep,
  HandOver,
  HandOverList,
  HandOverPackage,
  HandOverRequest,
  Protocol,
  ProtocolCollection,
  ProtocolDrill,
  ProtocolDrillRequest,
  TaskList,
  TaskStatus,
} from './types.js';

export interface HandlerClientOptions extends TransportOptions {
  /**
   * A handler token issued by the backend's administrator (machine integrations), or a signed-in
   * person's access token (`signIn`). Keep an access token in memory only: never in storage, a
   * cookie or a URL.
   */
  token: string;
}

export interface WeerbaarHandlerClient {
  discover(): Promise<Discovery>;
  listCases(filters?: CaseFilters): Promise<CaseList>;
  getCase(caseId: string): Promise<Case>;
  /**
   * The public report form in a language (`lang`): a console labels the answers of a sealed report
   * with it, in the case's language (`case.locale`), after opening it on the device.
   */
  getReportForm(options?: ContentOptions): Promise<ReportForm>;
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
  /** The protocols whose steps become a new case's tasks. Needs `caseManagement.protocols` (1.2). */
  getProtocols(options?: ContentOptions): Promise<ProtocolCollection>;
  /** The case's tasks, in the protocol's order, titles in `lang`. Needs `caseManagement.protocols`. */
  listTasks(caseId: string, options?: ContentOptions): Promise<TaskList>;
  /** Ticks a task off (`done`, recording who and when) or opens it again. Needs `caseManagement.protocols`. */
  setTaskStatus(caseId: string, taskId: string, status: TaskStatus, options?: ContentOptions): Promise<CaseTask>;
  /**
   * Records the people the report affected, by role only (for a sealed report, after opening it);
   * relatives among them add the protocol's family-support tasks. Needs `caseManagement.protocols`.
   */
  setAffectedPeople(caseId: string, affectedPeople: AffectedRole[]): Promise<Case>;
  /** The case's aftercare check-ins with the reporter's answers (sealed free text opens with `openMessage`). Needs `caseManagement.protocols`. */
  listCheckIns(caseId: string): Promise<CaseCheckIns>;
  /**
   * Hands the case over in the chain (the CCV model's exits); the answer is the redacted package,
   * with the reporter's identity only when `reporterConsent` is given. The RIEC needs `legalBasis`.
   * Exit `no-action` also closes an open case (outcome `no-action-needed`) in the same step: no
   * separate `setStatus` call; a case closed before keeps its outcome. Not retried: a second call would make a second hand-over. Needs `caseManagement.protocols`.
   */
  handOver(caseId: string, handOver: HandOverRequest): Promise<HandOverPackage>;
  /** The case's hand-overs (no summary, no identity). Needs `caseManagement.protocols`. */
  listHandOvers(caseId: string): Promise<HandOverList>;
  /** One redacted hand-over package, as it was made. Needs `caseManagement.protocols`. */
  getHandOver(caseId: string, handOverId: string): Promise<HandOverPackage>;
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
   * Auditors and admins: aggregates of the cases received in a period — a year (`2026`), a quarter
   * (`2026-Q3`) or a month (`2026-07`) — with small cells suppressed. Needs `caseManagement.statistics`.
   */
  getStatistics(period: string): Promise<Statistics>;
  /** Dilemma editors: the shared dilemmas not yet deleted, newest first (sealed ones open with `openDilemmaContent`). Needs `dilemmas`. */
  listDilemmas(): Promise<DilemmaList>;
  /** Dilemma editors: every card made here, in any state. Needs `dilemmas`. */
  listDilemmaDrafts(): Promise<DilemmaDraftList>;
  /** A new card draft (not public), rewritten from the shared dilemma `submissionId` or from scratch. Needs `dilemmas`. */
  createDilemmaDraft(text: DilemmaCardText, submissionId?: string): Promise<DilemmaDraft>;
  /** New texts for a card; a published card becomes a draft again. Needs `dilemmas`. */
  updateDilemmaDraft(cardId: string, text: DilemmaCardText): Promise<DilemmaDraft>;
  /** Approves and publishes a card; refused (409 `unedited-submission`) while it holds the shared text. Needs `dilemmas`. */
  publishDilemmaCard(cardId: string): Promise<DilemmaDraft>;
  /** Takes a card off the public list. Needs `dilemmas`. */
  unpublishDilemmaCard(cardId: string): Promise<DilemmaDraft>;
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

  /** The signed-in person and their session (access tokens only). */
  getMe(): Promise<Me>;
  /** Ends the session at once; then forget the token. */
  signOut(): Promise<void>;
  /** The organisation's key as the console wrapped it for one of the person's passkeys (opaque bytes). */
  getWrappedKey(passkeyId: string): Promise<WrappedKey>;
  storeWrappedKey(passkeyId: string, key: WrappedKeyRequest): Promise<WrappedKey>;
  deleteWrappedKey(passkeyId: string): Promise<void>;

  /**
   * Admins: runs a synthetic case (never stored) through every step of each protocol (or of
   * `request.protocolId`) and reports per step whether its owner group can be reached and whether its
   * due time overruns; titles in `lang`. Needs `caseManagement.protocols` (1.2).
   */
  runProtocolDrill(request?: ProtocolDrillRequest, options?: ContentOptions): Promise<ProtocolDrill>;
  /** Admins: every account. */
  listAccounts(): Promise<AccountList>;
  /** Admins: a new account and, once, its invitation code and enrolment address. */
  inviteAccount(request: AccountInvitationRequest): Promise<InvitedAccount>;
  /** Admins: roles, groups, state (`active: false` suspends and signs out), name, e-mail. */
  updateAccount(accountId: string, change: AccountUpdate): Promise<Account>;
  /** Admins: a new one-time invitation (earlier unused ones stop working). */
  createInvitation(accountId: string): Promise<Invitation>;
  /** Admins, or the person themselves: a passkey no longer signs in. */
  revokePasskey(accountId: string, passkeyId: string): Promise<void>;
  listGroups(): Promise<GroupList>;
  saveGroup(groupId: string, definition: GroupDefinition): Promise<Group>;
  deleteGroup(groupId: string): Promise<void>;
  getRouting(): Promise<Routing>;
  setRouting(routing: Routing): Promise<Routing>;

  /** Who has access to a case (names and ids only, no content). */
  getCaseAccess(caseId: string): Promise<CaseAccess>;
  assignCase(caseId: string, accountId: string): Promise<CaseAccess>;
  unassignCase(caseId: string, accountId: string): Promise<CaseAccess>;
  grantCaseAccess(caseId: string, accountId: string): Promise<CaseAccess>;
  revokeCaseAccess(caseId: string, accountId: string): Promise<CaseAccess>;
  /** Conflict of interest: the person gets 403 on the case and never sees it in a list. */
  excludeFromCase(caseId: string, accountId: string): Promise<CaseAccess>;
  liftCaseExclusion(caseId: string, accountId: string): Promise<CaseAccess>;
  /** Hands the case over to another group. */
  transferCase(caseId: string, groupId: string): Promise<CaseAccess>;
}

export function createHandlerClient({ token, ...transportOptions }: HandlerClientOptions): WeerbaarHandlerClient {
  const send = createTransport(transportOptions);
  const discovery = createDiscoveryCache(send);
  const getContent = createContentReader((path, searchParams, headers) => send(path, { searchParams, headers }));
  const caseUrl = (caseId: string, rest = '') => `cases/${encodeURIComponent(caseId)}${rest}`;
  const wrappedKeyUrl = (passkeyId: string) => `me/passkeys/${encodeURIComponent(passkeyId)}/wrapped-key`;
  const accessUrl = (caseId: string, kind: 'assignees' | 'grants' | 'exclusions', accountId: string) =>
    caseUrl(caseId, `/access/${kind}/${encodeURIComponent(accountId)}`);

  // Checked first, so that a backend without case management fails with a clear error, not a 404.
  async function authorized(path: string, options: RequestOptions = {}, subCapability?: keyof CaseManagementCapability) {
    const caseManagement = await requireCapability(discovery, 'caseManagement');
    if (subCapability && !caseManagement[subCapability]) throw new WeerbaarCapabilityError(`caseManagement.${subCapability}`);
    return send(path, { ...options, headers: { ...options.headers, Authorization: `Bearer ${token}` }, secrets: [token, ...(options.secrets ?? [])] });
  }
  /** The dilemma editors' operations (capability `dilemmas`, not case management). */
  async function editing(path: string, options: RequestOptions = {}) {
    await requireCapability(discovery, 'dilemmas');
    return send(path, { ...options, headers: { ...options.headers, Authorization: `Bearer ${token}` }, secrets: [token] });
  }
  const draftUrl = (cardId: string, rest = '') => `dilemma-drafts/${encodeURIComponent(cardId)}${rest}`;
  /** The operations of people, accounts and access (`caseManagement.signIn`). */
  const signedIn = (path: string, options: RequestOptions = {}) => authorized(path, options, 'signIn');
  const empty = async (response: Promise<Response>) => {
    await response;
  };
  // PUT and DELETE of access are idempotent by contract, so they may be retried.
  const put = (path: string, body?: unknown) => json<CaseAccess>(signedIn(path, { method: 'put', ...(body === undefined ? {} : { json: body }), retry: true }));
  const remove = (path: string) => json<CaseAccess>(signedIn(path, { method: 'delete', retry: true }));

  return {
    discover: discovery.discover,
    listCases: (filters) => json(authorized('cases', { searchParams: filters })),
    getCase: (caseId) => json(authorized(caseUrl(caseId))),
    getReportForm: (options) => getContent('report-form', options),
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
    getProtocols: ({ lang } = {}) => json(authorized('protocols', { searchParams: { lang } }, 'protocols')),
    listTasks: (caseId, { lang } = {}) => json(authorized(caseUrl(caseId, '/tasks'), { searchParams: { lang } }, 'protocols')),
    // Setting the status a task already has changes nothing: safe to repeat.
    setTaskStatus: (caseId, taskId, status, { lang } = {}) =>
      json(authorized(caseUrl(caseId, `/tasks/${encodeURIComponent(taskId)}`), { method: 'put', json: { status }, searchParams: { lang }, retry: true }, 'protocols')),
    // Recording the same roles again leaves the case as it is (one more trail entry): safe to retry.
    setAffectedPeople: (caseId, affectedPeople) => json(authorized(caseUrl(caseId, '/affected-people'), { method: 'put', json: { affectedPeople }, retry: true }, 'protocols')),
    listCheckIns: (caseId) => json(authorized(caseUrl(caseId, '/check-ins'), {}, 'protocols')),
    handOver: (caseId, handOver) => json(authorized(caseUrl(caseId, '/hand-overs'), { method: 'post', json: handOver, secrets: [handOver.summary] }, 'protocols')),
    listHandOvers: (caseId) => json(authorized(caseUrl(caseId, '/hand-overs'), {}, 'protocols')),
    getHandOver: (caseId, handOverId) => json(authorized(caseUrl(caseId, `/hand-overs/${encodeURIComponent(handOverId)}`), {}, 'protocols')),
    listNotes: (caseId) => json(authorized(caseUrl(caseId, '/notes'), {}, 'notes')),
    async addNote(caseId, text) {
      const { encryption } = (await discovery.discover()).capabilities;
      const body = encryption ? { encryptedBody: await (await import('./seal.js')).sealNote(encryption, text) } : { body: text };
      return json(authorized(caseUrl(caseId, '/notes'), { method: 'post', json: body, secrets: [text] }, 'notes'));
    },
    recordExport: (caseId, record) => json(authorized(caseUrl(caseId, '/exports'), { method: 'post', json: record }, 'workflow')),
    pageCases: (filters = {}, cursor) => json(authorized('cases', { searchParams: { ...filters, ...(cursor ? { cursor } : { paging: 'cursor' }) } }, 'cursorPaging')),
    countCases: () => json(authorized('case-counts', {}, 'cursorPaging')),
    getStatistics: (period) => json(authorized('statistics', { searchParams: { period } }, 'statistics')),
    listDilemmas: () => json(editing('dilemmas')),
    listDilemmaDrafts: () => json(editing('dilemma-drafts')),
    createDilemmaDraft: (text, submissionId) => json(editing('dilemma-drafts', { method: 'post', json: submissionId ? { submissionId, text } : { text } })),
    // The same texts again leave the same card: safe to repeat; so are publishing and unpublishing.
    updateDilemmaDraft: (cardId, text) => json(editing(draftUrl(cardId), { method: 'put', json: { text }, retry: true })),
    publishDilemmaCard: (cardId) => json(editing(draftUrl(cardId, '/publication'), { method: 'put', retry: true })),
    unpublishDilemmaCard: (cardId) => json(editing(draftUrl(cardId, '/publication'), { method: 'delete', retry: true })),
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

    getMe: () => json(signedIn('me')),
    signOut: () => empty(signedIn('me/session', { method: 'delete' })),
    getWrappedKey: (passkeyId) => json(authorized(wrappedKeyUrl(passkeyId), {}, 'wrappedKeys')),
    storeWrappedKey: (passkeyId, key) => json(authorized(wrappedKeyUrl(passkeyId), { method: 'put', json: key, retry: true }, 'wrappedKeys')),
    deleteWrappedKey: (passkeyId) => empty(authorized(wrappedKeyUrl(passkeyId), { method: 'delete', retry: true }, 'wrappedKeys')),

    runProtocolDrill: (request = {}, { lang } = {}) =>
      json(authorized('protocol-drills', { method: 'post', json: request, ...(lang ? { headers: { 'Accept-Language': lang } } : {}) }, 'protocols')),
    listAccounts: () => json(signedIn('accounts')),
    inviteAccount: (request) => json(signedIn('accounts', { method: 'post', json: request })),
    updateAccount: (accountId, change) => json(signedIn(`accounts/${encodeURIComponent(accountId)}`, { method: 'patch', json: change })),
    createInvitation: (accountId) => json(signedIn(`accounts/${encodeURIComponent(accountId)}/invitations`, { method: 'post' })),
    revokePasskey: (accountId, passkeyId) =>
      empty(signedIn(`accounts/${encodeURIComponent(accountId)}/passkeys/${encodeURIComponent(passkeyId)}`, { method: 'delete', retry: true })),
    listGroups: () => json(signedIn('groups')),
    saveGroup: (groupId, definition) => json(signedIn(`groups/${encodeURIComponent(groupId)}`, { method: 'put', json: definition, retry: true })),
    deleteGroup: (groupId) => empty(signedIn(`groups/${encodeURIComponent(groupId)}`, { method: 'delete' })),
    getRouting: () => json(signedIn('routing')),
    setRouting: (routing) => json(signedIn('routing', { method: 'put', json: routing, retry: true })),

    getCaseAccess: (caseId) => json(signedIn(caseUrl(caseId, '/access'))),
    assignCase: (caseId, accountId) => put(accessUrl(caseId, 'assignees', accountId)),
    unassignCase: (caseId, accountId) => remove(accessUrl(caseId, 'assignees', accountId)),
    grantCaseAccess: (caseId, accountId) => put(accessUrl(caseId, 'grants', accountId)),
    revokeCaseAccess: (caseId, accountId) => remove(accessUrl(caseId, 'grants', accountId)),
    excludeFromCase: (caseId, accountId) => put(accessUrl(caseId, 'exclusions', accountId)),
    liftCaseExclusion: (caseId, accountId) => remove(accessUrl(caseId, 'exclusions', accountId)),
    transferCase: (caseId, groupId) => put(caseUrl(caseId, '/group'), { groupId }),
  };
}

export { verifyWebhook, WebhookVerificationError, type CaseEvent, type CaseEventType, type VerifyWebhookOptions, type WebhookRefusal } from './webhooks.js';
export {
  browserAuthenticator,
  enrolPasskey,
  finishOidcSignIn,
  oidcCallbackFrom,
  signInWithPasskey,
  startOidcSignIn,
  type BrowserAuthenticatorOptions,
  type PasskeyAuthenticator,
  type SignInOptions,
} from './sign-in.js';

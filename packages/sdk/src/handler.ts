// Case management for handlers (integrity officers). A separate entry point, so that the citizen's
// browser never downloads it.
import { createDiscoveryCache } from './discovery.js';
import { WeerbaarCapabilityError } from './errors.js';
import { requireCapability } from './require-capability.js';
import { createTransport, json, type RequestOptions, type TransportOptions } from './transport.js';
import type { AuditExport, Case, CaseFilters, CaseList, CaseMessage, Discovery, HandlerMessageRequest, StatusChangeRequest } from './types.js';

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
}

export function createHandlerClient({ token, ...transportOptions }: HandlerClientOptions): WeerbaarHandlerClient {
  const send = createTransport(transportOptions);
  const discovery = createDiscoveryCache(send);
  const caseUrl = (caseId: string, rest = '') => `cases/${encodeURIComponent(caseId)}${rest}`;

  // Checked first, so that a backend without case management fails with a clear error, not a 404.
  async function authorized(path: string, options: RequestOptions = {}, subCapability?: 'audit') {
    const caseManagement = await requireCapability(discovery, 'caseManagement');
    if (subCapability && !caseManagement[subCapability]) throw new WeerbaarCapabilityError(`caseManagement.${subCapability}`);
    return send(path, { ...options, headers: { Authorization: `Bearer ${token}` }, secrets: [token] });
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
  };
}

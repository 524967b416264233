import type { DiscoveryCache } from './discovery.js';
import { WeerbaarError } from './errors.js';
import { requireCapability } from './require-capability.js';
import { json, type RequestOptions, type Send } from './transport.js';
import type { Attachment, CaseMessage, CheckInReply, FollowUpCase, FollowUpCheckIn, FollowUpCheckIns, FollowUpMinutes } from './types.js';

/** A reporter's short-lived view of their case. The token lives in this object's memory only. */
export interface FollowUpSession {
  /** When the backend stops accepting this session (RFC 3339). */
  readonly expiresAt: string;
  getCase(): Promise<FollowUpCase>;
  /** Sends a reply to the handler (sealed when the backend advertises encryption). */
  sendMessage(text: string): Promise<CaseMessage>;
  /** Adds a file to the case (sealed, with its name and type, when the backend advertises encryption). */
  addAttachment(file: Blob, options?: { description?: string }): Promise<Attachment>;
  /** The latest version of the minutes of the reporter's conversation (contract 1.1, `caseManagement.intake`). */
  getMinutes(): Promise<FollowUpMinutes>;
  /** Approves (signs) the latest version, or asks for a correction, sealed when the backend advertises encryption. */
  answerMinutes(version: number, answer: { decision: 'approve' } | { decision: 'correct'; correction: string }): Promise<FollowUpMinutes>;
  /** The aftercare check-ins of the case, in the order they come (contract 1.2, `caseManagement.protocols`). */
  listCheckIns(): Promise<FollowUpCheckIns>;
  /** Answers an open (or missed) check-in; the optional text is sealed when the backend advertises encryption. An answer is final. */
  answerCheckIn(checkInId: string, reply: CheckInReply): Promise<FollowUpCheckIn>;
  /** Stops the check-ins still to come; stopping again changes nothing. */
  stopCheckIns(): Promise<void>;
  /** Revokes the token at the backend and forgets it. */
  close(): Promise<void>;
}

export async function openFollowUpSession(send: Send, discovery: DiscoveryCache, receipt: string): Promise<FollowUpSession> {
  await requireCapability(discovery, 'followUp');
  // Retried like a GET: a repeated exchange only creates another short-lived token, which expires unused.
  const session = await json<{ token: string; expiresAt: string }>(
    send('follow-up/sessions', { method: 'post', json: { receipt }, retry: true, secrets: [receipt] }),
  );
  let token: string | undefined = session.token;

  const authorized = async (path: string, options: RequestOptions = {}) => {
    if (!token) throw new WeerbaarError('This follow-up session is closed.');
    return send(path, { ...options, headers: { Authorization: `Bearer ${token}` }, secrets: [token, receipt, ...(options.secrets ?? [])] });
  };

  return {
    expiresAt: session.expiresAt,
    getCase: () => json(authorized('follow-up/case')),

    async sendMessage(text) {
      const { encryption } = (await discovery.discover()).capabilities;
      const body = encryption ? { encryptedBody: await (await import('./seal.js')).sealMessage(encryption, text) } : { body: text };
      return json(authorized('follow-up/messages', { method: 'post', json: body, secrets: [text] }));
    },

    async addAttachment(file, { description } = {}) {
      const { encryption } = (await discovery.discover()).capabilities;
      await requireCapability(discovery, 'attachments');
      const name = (file as File).name || 'attachment';
      const form = new FormData();
      // `metadata` is a text field holding JSON: a browser can give a multipart part a content type
      // only as a Blob, and a Blob part always carries a file name, which makes it a second file.
      if (encryption) {
        const { sealAttachment } = await import('./seal.js');
        const descriptor = { name, mediaType: file.type || 'application/octet-stream', description };
        const { ciphertext, ...parameters } = await sealAttachment(encryption, descriptor, file);
        form.append('file', new Blob([ciphertext], { type: 'application/octet-stream' }), 'encrypted');
        form.append('metadata', JSON.stringify({ encryption: parameters }));
      } else {
        form.append('file', file, name);
        if (description) form.append('metadata', JSON.stringify({ description }));
      }
      return json(authorized('follow-up/attachments', { method: 'post', body: form, secrets: description ? [name, description] : [name] }));
    },

    getMinutes: () => json(authorized('follow-up/minutes')),

    async answerMinutes(version, answer) {
      if (answer.decision === 'approve') return json(authorized('follow-up/minutes/answers', { method: 'post', json: { version, decision: 'approve' } }));
      const { encryption } = (await discovery.discover()).capabilities;
      const correction = encryption ? { encryptedCorrection: await (await import('./seal.js')).sealMessage(encryption, answer.correction) } : { correction: answer.correction };
      return json(authorized('follow-up/minutes/answers', { method: 'post', json: { version, decision: 'correct', ...correction }, secrets: [answer.correction] }));
    },

    listCheckIns: () => json(authorized('follow-up/check-ins')),

    async answerCheckIn(checkInId, { text, ...choices }) {
      const { encryption } = (await discovery.discover()).capabilities;
      const words = text === undefined ? {} : encryption ? { encryptedText: await (await import('./seal.js')).sealMessage(encryption, text) } : { text };
      // An answer is final: a retried PUT that did arrive answers 409, so it is not retried.
      return json(authorized(`follow-up/check-ins/${encodeURIComponent(checkInId)}/answer`, { method: 'put', json: { ...choices, ...words }, secrets: text === undefined ? [] : [text] }));
    },

    async stopCheckIns() {
      await authorized('follow-up/check-ins', { method: 'delete', retry: true });
    },

    async close() {
      if (!token) return;
      const closing = authorized('follow-up/sessions/current', { method: 'delete' });
      token = undefined;
      await closing;
    },
  };
}

// Files added to a case by the reporter: within the advertised limits, stored as opaque bytes,
// and never served inline.
import type { Schema } from '@weerbaar/spec';
import type { ConformanceModule, RunContext } from '../context.js';
import { HPKE_SUITE, seal } from '../hpke.js';
import { readFollowUpCase } from './follow-up.js';

const UPLOAD = 'WRA-ATT-01';
const MEDIA_TYPE = 'WRA-ATT-02';
const TOO_LARGE = 'WRA-ATT-03';
const DOWNLOAD = 'WRA-ATT-04';

const ATTACHMENT_INFO = 'weerbaar/v1 attachment';
/** Larger limits are not probed: uploading that much to a vendor's backend is not reasonable. */
const MAX_PROBED_BYTES = 32 * 1024 * 1024;

function bearer(token: string): Record<string, string> {
  return { Authorization: `Bearer ${token}` };
}

function form(bytes: Uint8Array<ArrayBuffer>, mediaType: string, name: string, metadata?: Record<string, unknown>): FormData {
  const data = new FormData();
  data.append('file', new Blob([bytes], { type: mediaType }), name);
  if (metadata) data.append('metadata', JSON.stringify(metadata));
  return data;
}

async function run(context: RunContext): Promise<void> {
  const { record } = context;
  const capability = context.discovery?.capabilities.attachments;
  if (!capability) return;
  const encryption = context.discovery?.capabilities.encryption;
  const report = await context.newReport();
  const token = report && (await context.openSession(report.receipt.receipt)).token;
  if (!report || !token) {
    for (const id of [UPLOAD, MEDIA_TYPE, TOO_LARGE, DOWNLOAD]) record.skip(id, 'no follow-up session could be opened to add files');
    return;
  }

  const text = 'Synthetisch bestand van de conformancetest.\n';
  const bytes = new TextEncoder().encode(text);
  const mediaType = capability.mediaTypes.includes('text/plain') ? 'text/plain' : capability.mediaTypes[0]!;
  let upload: FormData;
  if (encryption?.required) {
    const sealed = await seal(encryption.publicKey, ATTACHMENT_INFO, `${JSON.stringify({ name: 'bewijs.txt', mediaType })}\n${text}`);
    upload = form(new Uint8Array(Buffer.from(sealed.ciphertext, 'base64url')), 'application/octet-stream', 'encrypted', { encryption: { keyId: encryption.keyId, suite: HPKE_SUITE, enc: sealed.enc } });
  } else {
    upload = form(bytes, mediaType, 'bewijs.txt', { description: 'Synthetisch bewijs' });
  }
  const added = await context.client.send({ operationId: 'addFollowUpAttachment', headers: bearer(token), body: upload });
  const attachment = added.status === 201 ? (added.json as Schema<'Attachment'>) : undefined;
  if (record.expect(UPLOAD, attachment !== undefined, `POST /follow-up/attachments answered ${added.status}, not 201`, context.evidence(added))) {
    const { view, exchange } = await readFollowUpCase(context, token);
    record.expect(UPLOAD, view?.attachments.some((candidate) => candidate.id === attachment!.id) === true, "the added file is not in the reporter's view", context.evidence(exchange), "a file within the limits is stored and listed in the reporter's view");
  }

  if (encryption?.required) {
    record.skip(MEDIA_TYPE, 'with encryption required every file travels as application/octet-stream ciphertext');
  } else {
    const refused = await context.client.send({ operationId: 'addFollowUpAttachment', headers: bearer(token), body: form(bytes, 'application/x-msdownload', 'programma.exe') });
    record.expect(MEDIA_TYPE, refused.status === 415, `a file of a media type that is not advertised answered ${refused.status}, not 415`, context.evidence(refused), 'a file of a media type that is not advertised answers 415');
  }

  if (capability.maxBytes > MAX_PROBED_BYTES) {
    record.skip(TOO_LARGE, `the advertised maxBytes (${capability.maxBytes}) is larger than the kit uploads (${MAX_PROBED_BYTES})`);
  } else {
    try {
      const huge = await context.client.send({ operationId: 'addFollowUpAttachment', headers: bearer(token), body: form(new Uint8Array(capability.maxBytes + 1024).fill(65), mediaType, 'te-groot.txt') });
      record.expect(TOO_LARGE, huge.status === 413, `a file of maxBytes + 1024 bytes answered ${huge.status}, not 413`, context.evidence(huge), `a file over maxBytes (${capability.maxBytes}) answers 413`);
    } catch (error) {
      record.fail(TOO_LARGE, `a file over maxBytes broke the connection instead of answering 413 (${(error as Error).message})`);
    }
  }

  if (!attachment) return;
  if (!context.canReadBack) {
    record.skip(DOWNLOAD, 'downloading needs case management and --handler-token');
    return;
  }
  const stored = await context.findCase(report);
  if (!stored) {
    record.fail(DOWNLOAD, 'the case with the attachment was not found through case management');
    return;
  }
  const download = await context.client.send({ operationId: 'getCaseAttachment', headers: context.handlerHeaders, pathParams: { caseId: stored.caseId, attachmentId: attachment.id } });
  const disposition = download.headers.get('content-disposition') ?? '';
  const ok =
    download.status === 200 &&
    (download.headers.get('content-type') ?? '').startsWith('application/octet-stream') &&
    /^attachment\b/i.test(disposition) &&
    (encryption?.required ? true : download.text === text);
  record.expect(DOWNLOAD, ok, `the download answered ${download.status} (${download.headers.get('content-type') ?? 'no type'}, ${disposition || 'no Content-Disposition'}) or other bytes`, context.evidence(download), 'the handler downloads the same bytes as application/octet-stream with Content-Disposition: attachment');
}

export const attachmentsModule: ConformanceModule = {
  id: 'attachments',
  profile: 'attachments',
  title: 'Files added by the reporter',
  checks: [
    { id: UPLOAD, title: "A file within the advertised limits is stored and listed in the reporter's view.", requirement: 'paths./follow-up/attachments', severity: 'MUST' },
    { id: MEDIA_TYPE, title: 'A file of a media type that is not advertised answers 415.', requirement: 'paths./follow-up/attachments.post.description', severity: 'MUST' },
    { id: TOO_LARGE, title: 'A file over the advertised maxBytes answers 413.', requirement: 'components.responses.ContentTooLarge', severity: 'MUST' },
    { id: DOWNLOAD, title: 'The handler downloads the stored bytes as application/octet-stream, Content-Disposition: attachment.', requirement: 'paths./cases/{caseId}/attachments/{attachmentId}', severity: 'MUST' },
  ],
  run,
};

// End-to-end encryption: the advertised key is usable, a sealed report is accepted and the
// backend stores the ciphertext only.
import { isDeepStrictEqual } from 'node:util';
import { randomUUID } from 'node:crypto';
import type { ConformanceModule, RunContext } from '../context.js';
import { HPKE_SUITE, importPublicKey, REPORT_INFO, seal } from '../hpke.js';

const KEY_USABLE = 'WRA-ENC-01';
const SEALED_ACCEPTED = 'WRA-ENC-02';
const CIPHERTEXT_ONLY = 'WRA-ENC-03';
const UNKNOWN_KEY = 'WRA-ENC-04';
const PLAIN_REFUSED = 'WRA-ENC-05';

async function run(context: RunContext): Promise<void> {
  const { record } = context;
  const encryption = context.discovery?.capabilities.encryption;
  if (!encryption) return;
  try {
    await importPublicKey(encryption.publicKey);
    record.pass(KEY_USABLE, 'the advertised JWK imports with WebCrypto as a P-256 public key');
  } catch (error) {
    record.fail(KEY_USABLE, `the advertised JWK is not a usable P-256 public key: ${(error as Error).message}`);
    return;
  }

  const marker = `conformance-${randomUUID()}`;
  const content = { description: `Synthetische versleutelde conformancetest (${marker}).` };
  const envelope = { keyId: encryption.keyId, suite: HPKE_SUITE, ...(await seal(encryption.publicKey, REPORT_INFO, JSON.stringify(content))) };
  const body = { role: 'council-member', category: 'infiltration', encryptedContent: envelope };
  const submitted = await context.submit(body);
  if (!record.expect(SEALED_ACCEPTED, submitted.status === 201, `a report sealed to the advertised key answered ${submitted.status}, not 201`, context.evidence(submitted), 'a report sealed with HPKE to the advertised key is accepted')) {
    record.skip(CIPHERTEXT_ONLY, 'the sealed report was not accepted');
  } else if (!context.canReadBack) {
    record.skip(CIPHERTEXT_ONLY, 'reading the stored case needs case management and --handler-token');
  } else {
    const report = context.reports.find((candidate) => candidate.body === body)!;
    const stored = await context.findCase(report);
    record.expect(
      CIPHERTEXT_ONLY,
      stored !== undefined && stored.encrypted && stored.content === undefined && isDeepStrictEqual(stored.encryptedContent, envelope),
      stored ? 'the stored case is not exactly the ciphertext that was sent (encrypted, no plain content, the envelope unchanged)' : 'the case of the sealed report was not found',
      undefined,
      'the stored case holds the envelope unchanged and no plain content',
    );
  }

  const stale = { ...envelope, keyId: 'conformance-unknown-key' };
  const unknown = await context.submit({ ...body, encryptedContent: stale });
  const code = (unknown.json as { code?: unknown } | undefined)?.code;
  record.expect(UNKNOWN_KEY, unknown.status === 422 && code === 'unknown-key', `a report sealed to an unknown keyId answered ${unknown.status}${code ? ` (${String(code)})` : ''}, not 422 unknown-key`, context.evidence(unknown), 'an envelope with an unknown keyId answers 422 unknown-key');

  if (!encryption.required) {
    record.skip(PLAIN_REFUSED, 'the backend does not require encryption (capabilities.encryption.required is false)');
    return;
  }
  const plain = await context.submit(context.fixture('submitReport/valid/minimal-anonymous').body);
  const plainCode = (plain.json as { code?: unknown } | undefined)?.code;
  record.expect(PLAIN_REFUSED, plain.status === 422 && plainCode === 'encryption-required', `a plain report answered ${plain.status}, not 422 encryption-required`, context.evidence(plain), 'plain content is refused with 422 encryption-required');
}

export const encryptionModule: ConformanceModule = {
  id: 'encryption',
  profile: 'encryption',
  title: 'End-to-end encryption',
  checks: [
    { id: KEY_USABLE, title: 'The advertised public key is a valid P-256 JWK that WebCrypto imports.', requirement: 'components.schemas.EncryptionCapability; components.schemas.EcPublicJwk', severity: 'MUST' },
    { id: SEALED_ACCEPTED, title: 'A report sealed with HPKE (info "weerbaar/v1 report") to the advertised key is accepted.', requirement: 'info.description "End-to-end encryption"; components.schemas.EncryptedReportSubmission', severity: 'MUST' },
    { id: CIPHERTEXT_ONLY, title: 'The stored case returns the ciphertext unchanged and no plain content.', requirement: 'info.description "End-to-end encryption"; components.schemas.Case', severity: 'MUST' },
    { id: UNKNOWN_KEY, title: 'An envelope sealed to a keyId that is not current answers 422 unknown-key.', requirement: 'components.responses.UnprocessableContent', severity: 'MUST' },
    { id: PLAIN_REFUSED, title: 'When encryption is required, plain content answers 422 encryption-required.', requirement: 'paths./reports.post.description', severity: 'MUST' },
  ],
  run,
};

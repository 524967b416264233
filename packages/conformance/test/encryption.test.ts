import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Aes256Gcm, CipherSuite, DhkemP256HkdfSha256, HkdfSha256 } from '@hpke/core';
import type { Schema } from '@weerbaar/spec';
import { runConformance } from '../src/index.js';
import { failures, withReferenceServer } from './support.js';

describe('the reports the kit seals', () => {
  it('open with the integrity officer\'s private key, as the contract describes (info "weerbaar/v1 report")', async () => {
    await withReferenceServer(async (server) => {
      const report = await runConformance({ baseUrl: server.apiUrl, handlerToken: server.handlerToken, profiles: ['core', 'encryption', 'case-management'] });
      assert.equal(report.conforms, true, failures(report));

      const headers = { Authorization: `Bearer ${server.handlerToken}` };
      const list = (await (await fetch(`${server.apiUrl}/cases?pageSize=100`, { headers })).json()) as Schema<'CaseList'>;
      const sealed = list.items.filter((item) => item.encrypted);
      assert.ok(sealed.length > 0, 'the kit stored an encrypted report');

      const suite = new CipherSuite({ kem: new DhkemP256HkdfSha256(), kdf: new HkdfSha256(), aead: new Aes256Gcm() });
      const recipientKey = await suite.kem.importKey('jwk', server.privateKeyJwk!, false);
      for (const item of sealed) {
        const stored = (await (await fetch(`${server.apiUrl}/cases/${item.caseId}`, { headers })).json()) as Schema<'Case'>;
        const envelope = stored.encryptedContent!;
        const plaintext = await suite.open(
          { recipientKey, enc: Buffer.from(envelope.enc, 'base64url'), info: new TextEncoder().encode('weerbaar/v1 report') },
          Buffer.from(envelope.ciphertext, 'base64url'),
        );
        const content = JSON.parse(new TextDecoder().decode(plaintext)) as Schema<'ReportContent'>;
        assert.match(content.description, /conformancetest/);
      }
    });
  });
});

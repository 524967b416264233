import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ConfigError, DEFAULT_CONFIG, loadConfig } from '../src/config.js';

describe('configuration', () => {
  it('needs nothing: the defaults serve on 127.0.0.1:8080 with ./.data', () => {
    const config = loadConfig({}, '/srv/weerbaar');
    assert.equal(config.host, '127.0.0.1');
    assert.equal(config.port, 8080);
    assert.equal(config.dataDir, '/srv/weerbaar/.data');
    assert.deepEqual(config.allowedOrigins, []);
    assert.deepEqual(config.limits, DEFAULT_CONFIG.limits);
  });

  it('reads a YAML config file and lets environment variables override it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'weerbaar-config-'));
    try {
      await writeFile(join(dir, 'weerbaar.yaml'), 'port: 9000\norganisation:\n  name: Gemeente Elders\nfollowUp:\n  sessionTtlSeconds: 600\n');
      const config = loadConfig({ WEERBAAR_CONFIG: 'weerbaar.yaml', PORT: '0', WEERBAAR_ALLOWED_ORIGINS: 'https://a.example, https://b.example' }, dir);
      assert.equal(config.port, 0);
      assert.equal(config.organisation.name, 'Gemeente Elders');
      assert.equal(config.followUp.sessionTtlSeconds, 600);
      assert.equal(config.followUp.maxFailuresPerClient, DEFAULT_CONFIG.followUp.maxFailuresPerClient);
      assert.deepEqual(config.allowedOrigins, ['https://a.example', 'https://b.example']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('refuses values the contract would not allow to be advertised, with a clear message', () => {
    assert.throws(() => loadConfig({ WEERBAAR_FOLLOW_UP_SESSION_TTL_SECONDS: '30' }), /followUp.sessionTtlSeconds must be a whole number from 60 to 3600/);
    assert.throws(() => loadConfig({ PORT: 'eighty' }), ConfigError);
    assert.throws(() => loadConfig({ WEERBAAR_LOG_CLIENT_IP: 'maybe' }), /true or false/);
    assert.throws(() => loadConfig({ WEERBAAR_PRIVACY_STATEMENT_URL: 'http://www.voorbeeldstad.nl/privacy' }), /https URL/);
    assert.throws(() => loadConfig({ WEERBAAR_ALLOWED_ORIGINS: 'https://a.example/path' }), /not an origin/);
  });

  it('reads the notice and job settings, and refuses wrong ones without repeating an SMTP password', () => {
    const config = loadConfig({
      WEERBAAR_NOTIFY_RECIPIENTS: 'integriteit@voorbeeldstad.nl, griffie@voorbeeldstad.nl',
      WEERBAAR_NOTIFY_ACKNOWLEDGEMENT_DUE_DAYS: '3',
      WEERBAAR_SMTP_URL: 'smtps://meldpunt:geheim@smtp.voorbeeldstad.nl:465',
      WEERBAAR_JOBS_LEASE_SECONDS: '60',
    });
    assert.deepEqual(config.notifications, { recipients: ['integriteit@voorbeeldstad.nl', 'griffie@voorbeeldstad.nl'], acknowledgementDueWithinDays: 3, feedbackDueWithinDays: 14 });
    assert.deepEqual(config.jobs, { pollMilliseconds: 5000, leaseSeconds: 60, maxAttempts: 8 });
    assert.equal(config.demoOutbox, false, 'the outbox page lists case references: only for a demo');
    assert.throws(() => loadConfig({ WEERBAAR_NOTIFY_RECIPIENTS: 'integriteit' }), /not an e-mail address/);
    assert.throws(() => loadConfig({ WEERBAAR_NOTIFY_ACKNOWLEDGEMENT_DUE_DAYS: '8' }), /from 1 to 7/);
    assert.throws(() => loadConfig({ WEERBAAR_JOBS_POLL_MILLISECONDS: '10' }), /from 50 to/);
    assert.throws(
      () => loadConfig({ WEERBAAR_SMTP_URL: 'http://meldpunt:geheim@smtp.voorbeeldstad.nl' }),
      (error: Error) => /smtp:\/\/ or smtps:\/\//.test(error.message) && !error.message.includes('geheim'),
    );
  });

  it('has one console address, for discovery, invitations and notices alike', () => {
    const config = loadConfig({ WEERBAAR_CONSOLE_URL: 'https://meld.voorbeeldstad.nl/behandelen' });
    assert.equal(config.caseManagement.consoleUrl, 'https://meld.voorbeeldstad.nl/behandelen');
    assert.equal('consoleUrl' in config.notifications, false, 'no second setting for the notices');
    assert.throws(() => loadConfig({ WEERBAAR_CONSOLE_URL: 'ftp://meld.voorbeeldstad.nl/' }), /https URL/);
  });

  it('reads the OpenID provider settings and refuses an http issuer or a missing client secret without repeating the secret', () => {
    const provider = { WEERBAAR_OIDC_ISSUER: 'https://login.voorbeeldstad.nl/', WEERBAAR_OIDC_CLIENT_ID: 'weerbaar', WEERBAAR_OIDC_CLIENT_SECRET: 'geheim-123' };
    assert.equal(loadConfig({}).caseManagement.signIn.oidc, undefined, 'not offered unless configured');
    assert.deepEqual(loadConfig(provider).caseManagement.signIn.oidc, {
      issuer: 'https://login.voorbeeldstad.nl/',
      clientId: 'weerbaar',
      clientSecret: 'geheim-123',
      claim: 'sub',
      redirectUris: [],
    });
    assert.equal(loadConfig({ ...provider, WEERBAAR_OIDC_CLAIM: 'email' }).caseManagement.signIn.oidc!.claim, 'email');
    assert.throws(() => loadConfig({ ...provider, WEERBAAR_OIDC_ISSUER: 'http://login.voorbeeldstad.nl/' }), /https address/);
    assert.throws(
      () => loadConfig({ WEERBAAR_OIDC_ISSUER: provider.WEERBAAR_OIDC_ISSUER, WEERBAAR_OIDC_CLIENT_SECRET: 'geheim-123' }),
      (error: Error) => /clientId and clientSecret/.test(error.message) && !error.message.includes('geheim'),
    );
    assert.throws(() => loadConfig({ ...provider, WEERBAAR_OIDC_REDIRECT_URIS: 'http://intranet.voorbeeldstad.nl/behandelen' }), /https URL/);
  });
});

// The discovery document advertises exactly what this installation offers: a capability appears
// only when it is switched on (encryption only once a key was generated, the hosted report page
// only when configured or served by this server).
import { dilemmasCapability, dilemmasOffered } from './dilemmas.js';
import { API_VERSION, type Schema } from '@weerbaar/spec';
import type { ServerContext } from '../context.js';
import { SENT_EVENT_TYPES } from '../notifications/webhooks.js';
import { AUDIT_ALGORITHM } from './audit-chain.js';
import { caseWorkCapabilities } from './case-work-offer.js';
import { retentionCapability } from './retention.js';
import { oidcOffered, passkeysOffered, signInOffered, wrappedKeysOffered } from './access.js';
import { oidcDisplayName } from './oidc.js';
import { ACKNOWLEDGE_WITHIN_DAYS, FEEDBACK_WITHIN_MONTHS, LEGAL_BASIS } from './deadlines.js';
import { HPKE_SUITE } from './encryption-key.js';
import { relyingParty } from './relying-party.js';
import { hostedConsoleUrl } from './hosted-console.js';
import { hostedReportPageUrl } from './hosted-report-page.js';

/** People sign in (`signIn`, with the session limits), the console and wrapped keys, when offered. */
function peopleCapabilities(context: ServerContext): Schema<'CaseManagementCapability'> {
  if (!signInOffered(context)) return {};
  const { signIn } = context.config.caseManagement;
  const consoleUrl = hostedConsoleUrl(context);
  return {
    signIn: {
      ...(passkeysOffered(context) ? { passkey: { rpId: relyingParty(context).rpId } } : {}),
      ...(oidcOffered(context) ? { oidc: { issuer: signIn.oidc!.issuer, displayName: oidcDisplayName(signIn.oidc!) } } : {}),
    },
    idleTimeoutSeconds: signIn.idleTimeoutSeconds,
    maxSessionSeconds: signIn.maxSessionSeconds,
    ...(consoleUrl ? { console: { url: consoleUrl } } : {}),
    ...(wrappedKeysOffered(context) ? { wrappedKeys: {} } : {}),
  };
}

export function discoveryDocument(context: ServerContext): Schema<'Discovery'> {
  const { config, encryptionKey, content } = context;
  const capabilities: Schema<'Capabilities'> = {};
  if (config.followUp.enabled) capabilities.followUp = { sessionTtlSeconds: config.followUp.sessionTtlSeconds };
  if (config.followUp.enabled && config.attachments.enabled) {
    capabilities.attachments = {
      maxBytes: config.attachments.maxBytes,
      maxCount: config.attachments.maxCount,
      mediaTypes: config.attachments.mediaTypes,
    };
  }
  if (encryptionKey) {
    capabilities.encryption = {
      keyId: encryptionKey.keyId,
      suite: HPKE_SUITE,
      publicKey: encryptionKey.publicKey,
      required: config.encryption.required,
    };
  }
  const hostedPage = hostedReportPageUrl(context);
  if (hostedPage) capabilities.hostedReportPage = { url: hostedPage };
  if (config.caseManagement.enabled) {
    capabilities.caseManagement = {
      audit: { algorithm: AUDIT_ALGORITHM },
      retention: retentionCapability(config),
      statistics: { minimumCellCount: config.statistics.minimumCellCount },
      ...caseWorkCapabilities(context),
      ...(config.webhooks.url ? { webhooks: { eventTypes: SENT_EVENT_TYPES } } : {}),
      ...peopleCapabilities(context),
    };
  }
  if (dilemmasOffered(config)) capabilities.dilemmas = dilemmasCapability(config);
  return {
    apiVersion: API_VERSION,
    organisation: { name: config.organisation.name, ...(config.organisation.url ? { url: config.organisation.url } : {}) },
    locales: { default: content.locales.default, available: content.locales.available },
    capabilities,
    limits: { ...config.limits },
    deadlines: { acknowledgeWithinDays: ACKNOWLEDGE_WITHIN_DAYS, feedbackWithinMonths: FEEDBACK_WITHIN_MONTHS, legalBasis: LEGAL_BASIS },
    links: {
      privacyStatement: config.links.privacyStatement ?? `${context.publicUrl()}/privacy.html`,
      ...(config.links.accessibilityStatement ? { accessibilityStatement: config.links.accessibilityStatement } : {}),
      externalChannels: content.externalChannels(content.locales.default),
    },
  };
}

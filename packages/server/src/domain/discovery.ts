// The discovery document advertises exactly what this installation offers: a capability appears
// only when it is switched on (encryption only once a key was generated, the hosted report page
// only when configured or served by this server).
import { API_VERSION, type Schema } from '@weerbaar/spec';
import type { ServerContext } from '../context.js';
import { hostedReportPageUrl } from '../routes/hosted-report-page.js';
import { AUDIT_ALGORITHM } from './audit-chain.js';
import { ACKNOWLEDGE_WITHIN_DAYS, FEEDBACK_WITHIN_MONTHS, LEGAL_BASIS } from './deadlines.js';
import { HPKE_SUITE } from './encryption-key.js';

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
  if (config.caseManagement.enabled) capabilities.caseManagement = { audit: { algorithm: AUDIT_ALGORITHM } };
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

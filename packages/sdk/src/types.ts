// The contract's types under the names SDK users think in, so they never need @weerbaar/spec.
import type { operations, Schema } from '@weerbaar/spec';

export type Discovery = Schema<'Discovery'>;
export type Capabilities = Schema<'Capabilities'>;
export type EncryptionCapability = Schema<'EncryptionCapability'>;
export type NormCollection = Schema<'NormCollection'>;
export type SignalChecklist = Schema<'SignalChecklist'>;
export type SupportDirectory = Schema<'SupportDirectory'>;
export type SupportContact = Schema<'SupportContact'>;
export type SupportUrgency = Schema<'SupportUrgency'>;
export type ReportForm = Schema<'ReportForm'>;
export type ReporterRole = Schema<'ReporterRole'>;
export type ReportCategory = Schema<'ReportCategory'>;
export type PlainReportSubmission = Schema<'PlainReportSubmission'>;
export type EncryptedReportSubmission = Schema<'EncryptedReportSubmission'>;
export type ReportContent = Schema<'ReportContent'>;
export type ContactDetails = Schema<'ContactDetails'>;
export type ReportReceipt = Schema<'ReportReceipt'>;
export type HpkeEnvelope = Schema<'HpkeEnvelope'>;
export type FollowUpCase = Schema<'FollowUpCase'>;
export type CaseMessage = Schema<'CaseMessage'>;
export type Attachment = Schema<'Attachment'>;
export type AttachmentDescriptor = Schema<'AttachmentDescriptor'>;
export type AttachmentEncryption = Schema<'AttachmentEncryption'>;
export type Case = Schema<'Case'>;
export type CaseList = Schema<'CaseList'>;
export type CaseSummary = Schema<'CaseSummary'>;
export type CaseStatus = Schema<'CaseStatus'>;
export type CaseOutcome = Schema<'CaseOutcome'>;
export type StatusChangeRequest = Schema<'StatusChangeRequest'>;
export type HandlerMessageRequest = Schema<'HandlerMessageRequest'>;
export type Problem = Schema<'Problem'>;
export type FieldError = Schema<'FieldError'>;

/** Filters of `getSupportContacts`, plus the language. */
export type SupportContactFilters = NonNullable<operations['getSupportContacts']['parameters']['query']>;
/** Filters, sort order and page of `listCases`. */
export type CaseFilters = NonNullable<operations['listCases']['parameters']['query']>;
/** The language of content texts (`lang`); the client's `locale` when absent. */
export interface ContentOptions {
  lang?: string;
}

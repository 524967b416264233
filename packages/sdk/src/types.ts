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
/**
 * How to reach a reporter who chose to be contactable: at least one of `email` and `phone`.
 * Written out here because the generated `Schema<'ContactDetails'>` is `unknown` (openapi-typescript
 * turns the schema's `anyOf` of `required` lists into `{…} | unknown | unknown`).
 */
export type ContactDetails = { name?: string; preferredChannel: 'email' | 'phone' } & (
  | { email: string; phone?: string }
  | { email?: string; phone: string }
);
/** Everything the reporter wrote; sealed as a whole when the backend advertises encryption. */
export type ReportContent = Omit<Schema<'ReportContent'>, 'contact'> & { contact?: ContactDetails };
/** A report as the reporter gives it; the argument of `submitReport`. */
export type PlainReportSubmission = Omit<Schema<'PlainReportSubmission'>, 'content'> & { content: ReportContent };
export type EncryptedReportSubmission = Schema<'EncryptedReportSubmission'>;
export type ReportReceipt = Schema<'ReportReceipt'>;
export type HpkeEnvelope = Schema<'HpkeEnvelope'>;
export type FollowUpCase = Schema<'FollowUpCase'>;
export type CaseMessage = Schema<'CaseMessage'>;
export type Attachment = Schema<'Attachment'>;
export type AttachmentDescriptor = Schema<'AttachmentDescriptor'>;
export type AttachmentEncryption = Schema<'AttachmentEncryption'>;
export type Case = Omit<Schema<'Case'>, 'content'> & { content?: ReportContent };
export type CaseList = Schema<'CaseList'>;
export type CaseSummary = Schema<'CaseSummary'>;
export type CaseStatus = Schema<'CaseStatus'>;
export type CaseOutcome = Schema<'CaseOutcome'>;
export type StatusChangeRequest = Schema<'StatusChangeRequest'>;
export type HandlerMessageRequest = Schema<'HandlerMessageRequest'>;
export type CaseLabels = Schema<'CaseLabels'>;
export type CaseNote = Schema<'CaseNote'>;
export type NoteList = Schema<'NoteList'>;
export type CaseOptions = Schema<'CaseOptions'>;
/** The organisation's protocols after a report (contract 1.2, `caseManagement.protocols`). */
export type ProtocolCollection = Schema<'ProtocolCollection'>;
export type Protocol = Schema<'Protocol'>;
/** A protocol step as a task on a case. */
export type CaseTask = Schema<'CaseTask'>;
export type TaskList = Schema<'TaskList'>;
/** A protocol drill (contract 1.2, admins): what to drill, and its report per step. */
export type ProtocolDrillRequest = Schema<'ProtocolDrillRequest'>;
export type ProtocolDrill = Schema<'ProtocolDrill'>;
export type DrillStep = Schema<'DrillStep'>;
export type DrillFinding = Schema<'DrillFinding'>;
export type TaskStatus = Schema<'TaskStatusRequest'>['status'];
/** A step the reporter sees in follow-up. */
export type FollowUpStep = Schema<'FollowUpStep'>;
/** The reporter's aftercare check-ins and one of them (contract 1.2). */
export type FollowUpCheckIns = Schema<'FollowUpCheckIns'>;
export type FollowUpCheckIn = Schema<'FollowUpCheckIn'>;
export type CheckInStatus = Schema<'CheckInStatus'>;
/** The reporter's answer to a check-in: three choices and, optionally, a few words (sealed by the SDK when the backend advertises encryption). */
export type CheckInReply = Omit<Schema<'CheckInAnswer'>, 'text' | 'encryptedText'> & { text?: string };
/** Who a report says was affected, by role (never a name). */
export type AffectedRole = Schema<'AffectedRole'>;
export type CaseCheckIn = Schema<'CaseCheckIn'>;
export type CaseCheckIns = Schema<'CaseCheckIns'>;
/** A chain hand-over (CCV model): the request, the listed hand-over and the redacted package. */
export type HandOverRequest = Schema<'HandOverRequest'>;
export type HandOver = Schema<'HandOver'>;
export type HandOverList = Schema<'HandOverList'>;
export type HandOverPackage = Schema<'HandOverPackage'>;
export type MessageTemplates = Schema<'MessageTemplates'>;
export type CaseManagementCapability = Schema<'CaseManagementCapability'>;
/** A report received by phone or in a meeting, as the handler records it; sealed when the backend advertises encryption. */
export type IntakeRequest = Omit<Schema<'PlainIntakeRequest'>, 'content'> & { content: ReportContent };
export type IntakeReceipt = Schema<'IntakeReceipt'>;
export type MinutesList = Schema<'MinutesList'>;
export type MinutesVersion = Schema<'MinutesVersion'>;
export type FollowUpMinutes = Schema<'FollowUpMinutes'>;
export type CaseExportRequest = Schema<'CaseExportRequest'>;
export type CaseExportRecord = Schema<'CaseExportRecord'>;
export type CaseCounts = Schema<'CaseCounts'>;
/** Aggregates of the cases received in a period, small cells suppressed (`getStatistics`). */
export type Statistics = Schema<'Statistics'>;
/** Dilemmas (contract 1.2, capability `dilemmas`). */
export type DilemmaTheme = Schema<'DilemmaTheme'>;
export type DilemmaContent = Schema<'DilemmaContent'>;
export type DilemmaSubmission = Schema<'DilemmaSubmission'>;
export type DilemmaAcknowledgement = Schema<'DilemmaAcknowledgement'>;
export type DilemmaReading = Schema<'DilemmaReading'>;
export type DilemmaCard = Schema<'DilemmaCard'>;
export type DilemmaCardText = Schema<'DilemmaCardText'>;
export type DilemmaCardCollection = Schema<'DilemmaCardCollection'>;
export type DilemmaList = Schema<'DilemmaList'>;
export type DilemmaSubmissionRecord = Schema<'DilemmaSubmissionRecord'>;
export type DilemmaDraft = Schema<'DilemmaDraft'>;
export type DilemmaDraftList = Schema<'DilemmaDraftList'>;
export type StatisticsCount = Schema<'StatisticsCount'>;
export type StatisticsDays = Schema<'StatisticsDays'>;
export type StatisticsShare = Schema<'StatisticsShare'>;
export type ClockStatistics = Schema<'ClockStatistics'>;
export type CaseCursorPage = Schema<'CaseCursorPage'>;
/** The filters and sort of cursor paging (`pageCases`). */
export type CaseCursorFilters = Omit<CaseFilters, 'page' | 'paging' | 'cursor'>;
export type Problem = Schema<'Problem'>;
export type AuditEntry = Schema<'AuditEntry'>;
export type AuditExport = Schema<'AuditExport'>;
export type AccountRole = Schema<'AccountRole'>;
export type Account = Schema<'Account'>;
export type AccountList = Schema<'AccountList'>;
export type AccountInvitationRequest = Schema<'AccountInvitationRequest'>;
export type AccountUpdate = Schema<'AccountUpdate'>;
export type Invitation = Schema<'Invitation'>;
export type InvitedAccount = Schema<'InvitedAccount'>;
export type Group = Schema<'Group'>;
export type GroupList = Schema<'GroupList'>;
export type GroupDefinition = Schema<'GroupDefinition'>;
export type Routing = Schema<'Routing'>;
export type CaseAccess = Schema<'CaseAccess'>;
export type Me = Schema<'Me'>;
export type AccessGrant = Schema<'AccessGrant'>;
export type PasskeyChallenge = Schema<'PasskeyChallenge'>;
export type EnrolmentChallenge = Schema<'EnrolmentChallenge'>;
export type OidcAuthorization = Schema<'OidcAuthorization'>;
export type OidcCallback = Schema<'OidcCallback'>;
export type AuthenticationCredential = Schema<'AuthenticationCredential'>;
export type RegistrationCredential = Schema<'RegistrationCredential'>;
export type WrappedKey = Schema<'WrappedKey'>;
export type WrappedKeyRequest = Schema<'WrappedKeyRequest'>;
export type FieldError = Schema<'FieldError'>;

/** Filters of `getSupportContacts`, plus the language. */
export type SupportContactFilters = NonNullable<operations['getSupportContacts']['parameters']['query']>;
/** Filters, sort order and page of `listCases`. */
export type CaseFilters = NonNullable<operations['listCases']['parameters']['query']>;
/** The language of content texts (`lang`); the client's `locale` when absent. */
export interface ContentOptions {
  lang?: string;
}

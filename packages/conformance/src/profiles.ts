// The registry: which modules make up which profile, in the order they run.
import type { ConformanceModule, Discovery } from './context.js';
import { accessModule } from './modules/access.js';
import { attachmentsModule } from './modules/attachments.js';
import { auditModule } from './modules/audit.js';
import { caseManagementModule } from './modules/case-management.js';
import { caseWorkflowModule } from './modules/case-workflow.js';
import { protocolsModule } from './modules/protocols.js';
import { handOversModule } from './modules/hand-overs.js';
import { safetyNetModule } from './modules/safety-net.js';
import { contentModule } from './modules/content.js';
import { deadlinesModule } from './modules/deadlines.js';
import { discoveryModule } from './modules/discovery.js';
import { encryptionModule } from './modules/encryption.js';
import { errorsModule } from './modules/errors.js';
import { followUpModule, guessingModule } from './modules/follow-up.js';
import { idempotencyModule } from './modules/idempotency.js';
import { notificationsModule } from './modules/notifications.js';
import { reportsModule } from './modules/reports.js';
import { responsesModule } from './modules/responses.js';
import { retentionModule } from './modules/retention.js';
import { securityModule } from './modules/security.js';
import { statisticsModule } from './modules/statistics.js';
import { dilemmasModule } from './modules/dilemmas.js';
import type { CheckDefinition, ProfileId } from './types.js';

export interface ProfileDefinition {
  id: ProfileId;
  title: string;
  /** The discovery capabilities that must be advertised for the profile to be tested. */
  capabilities: (keyof Discovery['capabilities'])[];
  /** The sub-capabilities of `caseManagement` (contract 1.1) that must be advertised as well. */
  caseManagement?: (keyof NonNullable<Discovery['capabilities']['caseManagement']>)[];
  needsHandlerToken: boolean;
  /** Needs an auditor's access token (`--auditor-token`, contract 1.1 oversight operations). */
  needsAuditorToken?: boolean;
}

export const PROFILES: ProfileDefinition[] = [
  { id: 'core', title: 'Core: discovery, content, reports, errors, idempotency, deadlines, security', capabilities: [], needsHandlerToken: false },
  { id: 'follow-up', title: 'Follow-up with the receipt', capabilities: ['followUp'], needsHandlerToken: false },
  { id: 'attachments', title: 'Attachments', capabilities: ['followUp', 'attachments'], needsHandlerToken: false },
  { id: 'encryption', title: 'End-to-end encryption', capabilities: ['encryption'], needsHandlerToken: false },
  { id: 'case-management', title: 'Case management', capabilities: ['caseManagement'], needsHandlerToken: true },
  { id: 'audit', title: 'Audit trail per case (1.1)', capabilities: ['caseManagement'], caseManagement: ['audit'], needsHandlerToken: true },
  { id: 'retention', title: 'Retention and legal hold (1.1)', capabilities: ['caseManagement'], caseManagement: ['retention'], needsHandlerToken: true },
  {
    id: 'case-workflow',
    title: 'Working a case: notes, feedback, labels, substatus (1.1)',
    capabilities: ['caseManagement', 'followUp'],
    caseManagement: ['workflow', 'notes'],
    needsHandlerToken: true,
  },
  {
    id: 'protocols',
    title: 'Protocols and tasks: hidden steps, due times, affected people by role, check-ins, the chain hand-over (1.2)',
    capabilities: ['caseManagement', 'followUp'],
    caseManagement: ['protocols'],
    needsHandlerToken: true,
  },
  { id: 'access', title: 'Accounts and access per case: exclusion, auditors without content', capabilities: ['caseManagement'], caseManagement: ['signIn'], needsHandlerToken: true },
  { id: 'statistics', title: 'Statistics without small cells (1.1)', capabilities: ['caseManagement'], caseManagement: ['statistics'], needsHandlerToken: false, needsAuditorToken: true },
  { id: 'dilemmas', title: 'Dilemmas shared anonymously, published only when rewritten (1.2)', capabilities: ['dilemmas'], needsHandlerToken: true },
];

/** Every module, in run order (`late` modules are moved to the end by the runner). */
export const MODULES: ConformanceModule[] = [
  discoveryModule,
  responsesModule,
  securityModule,
  contentModule,
  reportsModule,
  errorsModule,
  idempotencyModule,
  deadlinesModule,
  followUpModule,
  attachmentsModule,
  encryptionModule,
  caseManagementModule,
  caseWorkflowModule,
  protocolsModule,
  handOversModule,
  safetyNetModule,
  auditModule,
  retentionModule,
  notificationsModule,
  accessModule,
  statisticsModule,
  dilemmasModule,
  guessingModule,
];

export interface RegisteredCheck extends CheckDefinition {
  profile: ProfileId;
  module: string;
}

/** Every check of the kit, with its profile and module. */
export function checkRegistry(): RegisteredCheck[] {
  return MODULES.flatMap((module) => module.checks.map((check) => ({ ...check, profile: module.profile, module: module.id })));
}

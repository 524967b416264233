// What this installation offers for working a case (contract 1.1): notes sealed or not, oral intake
// and its channels, and the sub-capabilities discovery advertises. The case-work and intake routes
// act on these; discovery (domain/discovery.ts) reads them without reaching into routes/.
import type { Schema } from '@weerbaar/spec';
import type { ServerContext } from '../context.js';

/** Notes must be sealed whenever this installation has an encryption key: the database then never holds a note in plain text. */
export function notesEncryptionRequired(context: ServerContext): boolean {
  return context.encryptionKey !== undefined;
}

/** The channels a handler can record a report from. */
export const INTAKE_CHANNELS: Schema<'PlainIntakeRequest'>['channel'][] = ['phone', 'meeting', 'other'];

/** Intake needs follow-up too: the reporter checks the minutes there. */
export function intakeOffered(context: ServerContext): boolean {
  return context.config.caseManagement.enabled && context.config.followUp.enabled;
}

/** The sub-capabilities of case management that working a case offers, for discovery. */
export function caseWorkCapabilities(context: ServerContext): Schema<'CaseManagementCapability'> {
  return {
    workflow: {},
    notes: { encryptionRequired: notesEncryptionRequired(context) },
    ...(intakeOffered(context) ? { intake: { channels: INTAKE_CHANNELS } } : {}),
    cursorPaging: {},
    protocols: {},
  };
}

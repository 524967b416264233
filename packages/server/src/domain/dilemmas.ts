// Dilemmas (contract 1.2, capability `dilemmas`): who may edit them, the rule that no card is
// published holding a shared dilemma's text unchanged, read codes, the views of a card, and
// retention of the shared dilemmas.
import type { Schema } from '@weerbaar/spec';
import type { ServerConfig } from '../config.js';
import type { ServerContext } from '../context.js';
import { ProblemError } from '../http/problems.js';
import { hashReceipt } from '../security/receipts.js';
import type { InstallationSecret } from '../security/installation-secret.js';
import type { DilemmaCardText, DilemmaContent, StoredDilemma, StoredDilemmaCard } from '../storage/dilemma-store.js';
import { hasRole, type Actor } from './access.js';
import { recordAuditEntry } from './audit.js';

const DAY_MS = 86_400_000;

/** Offered with case management: the editors are its handlers. */
export function dilemmasOffered(config: ServerConfig): boolean {
  return config.dilemmas.enabled && config.caseManagement.enabled;
}

/** The capability as discovery advertises it. */
export function dilemmasCapability(config: ServerConfig): Schema<'Capabilities'>['dilemmas'] {
  return { retentionDays: config.dilemmas.retentionDays, editorGroupId: config.dilemmas.editorGroupId };
}

/** Editors: handler tokens, and people with the handler role in the editors' group. 403 for anyone else. */
export function requireDilemmaEditor(config: ServerConfig, actor: Actor): void {
  if (actor.kind === 'handler-token') return;
  if (hasRole(actor, 'handler') && actor.account.groups.includes(config.dilemmas.editorGroupId)) return;
  throw new ProblemError('forbidden');
}

/** When a dilemma received at `receivedAt` is deleted. */
export function dilemmaDeleteAfter(config: ServerConfig, receivedAt: string): string {
  return new Date(Date.parse(receivedAt) + config.dilemmas.retentionDays * DAY_MS).toISOString();
}

/** A text as compared with a shared dilemma's: case, spacing and Unicode forms do not count. */
export function normaliseDilemmaText(text: string): string {
  return text.normalize('NFKC').toLocaleLowerCase('nl').replace(/\s+/g, ' ').trim();
}

/**
 * Whether a text of the card (title, situation, a question, the decision) still holds the situation
 * or the answer of the shared dilemma unchanged: equal to it or containing it, after normalising.
 */
export function holdsSubmittedText(text: DilemmaCardText, content: DilemmaContent): boolean {
  const submitted = [content.situation, content.whatIDid].filter((part): part is string => part !== undefined).map(normaliseDilemmaText).filter(Boolean);
  const written = [text.title, text.situation, ...text.questions, ...(text.decision ? [text.decision] : [])].map(normaliseDilemmaText);
  return written.some((part) => submitted.some((raw) => part.includes(raw)));
}

/** The hash a read code is stored and found by (slow and peppered, as receipts are; its own domain). */
export async function readCodeHash(secret: InstallationSecret, normalised: string): Promise<string> {
  return (await hashReceipt(secret, `dilemma-read-code:${normalised}`)).toString('hex');
}

export function publishedCard(card: StoredDilemmaCard): Schema<'DilemmaCard'> {
  return { cardId: card.id, draftForReview: false, ...(card.publishedAt ? { publishedAt: card.publishedAt } : {}), text: card.text };
}

export function draftView(card: StoredDilemmaCard): Schema<'DilemmaDraft'> {
  return {
    cardId: card.id,
    status: card.status,
    ...(card.submissionId ? { submissionId: card.submissionId } : {}),
    createdAt: card.createdAt,
    updatedAt: card.updatedAt,
    ...(card.publishedAt ? { publishedAt: card.publishedAt } : {}),
    text: card.text,
  };
}

export function submissionView(dilemma: StoredDilemma, cardIds: string[]): Schema<'DilemmaSubmissionRecord'> {
  return {
    submissionId: dilemma.id,
    receivedAt: dilemma.receivedAt,
    deleteAfter: dilemma.deleteAfter,
    role: dilemma.role,
    theme: dilemma.theme,
    ...(dilemma.locale ? { locale: dilemma.locale } : {}),
    ...(dilemma.content ? { content: dilemma.content } : {}),
    ...(dilemma.encryptedContent ? { encryptedContent: dilemma.encryptedContent } : {}),
    cardIds,
  };
}

/** Deletes the shared dilemmas whose period has ended (part of the daily retention run); one content-free entry in the global audit list. */
export async function deleteExpiredDilemmas(context: Pick<ServerContext, 'dilemmas' | 'audit' | 'now' | 'spec'>): Promise<number> {
  const at = context.now();
  const count = await context.dilemmas.deleteSubmissionsBefore(at);
  if (count > 0) await recordAuditEntry(context, { actor: { kind: 'system' }, action: 'dilemmas-deleted', details: { count }, at });
  return count;
}

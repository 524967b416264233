// Dilemmas in the database (contract 1.2, migration 16): the submissions shared anonymously and the
// cards editors make of them. One class for both engines: the SQL is the same, run through the
// SqlRunner of the store's database; a submission is stored in one transaction with the completion
// of its Idempotency-Key claim, as a report is.
import type { Schema } from '@weerbaar/spec';
import type { BatchStatement, SqlRunner } from './sql-runner.js';
import { IdempotencyClaimLostError } from './store.js';

export type DilemmaContent = Schema<'DilemmaContent'>;
export type DilemmaCardText = Schema<'DilemmaCardText'>;
export type DilemmaDraftStatus = Schema<'DilemmaDraftStatus'>;

export interface StoredDilemma {
  id: string;
  receivedAt: string;
  deleteAfter: string;
  role: Schema<'ReporterRole'>;
  theme: Schema<'DilemmaTheme'>;
  locale?: string;
  content?: DilemmaContent;
  encryptedContent?: Schema<'HpkeEnvelope'>;
  /** The hash of the read code (hex), when one was asked for. */
  readCodeHash?: string;
}

export interface StoredDilemmaCard {
  id: string;
  submissionId?: string;
  /** The read-code hash of the submission it was made of, so the code still reads it after the submission is deleted. */
  readCodeHash?: string;
  status: DilemmaDraftStatus;
  text: DilemmaCardText;
  createdAt: string;
  updatedAt: string;
  publishedAt?: string;
}

/** The completion of an Idempotency-Key claim, in the transaction that stores the submission. */
export interface DilemmaClaim {
  keyHash: Buffer;
  claimId: string;
  sealedResponse: Buffer;
}

/** At most this many submissions or cards in an editor's list (the contract's maxItems). */
export const DILEMMA_LIST_LIMIT = 1000;

const CARD_COLUMNS = 'id, submission_id, read_code_hash, status, text_json, created_at, updated_at, published_at';
const SUBMISSION_COLUMNS = 'id, received_at, delete_after, role, theme, locale, content_json, encrypted_content_json, read_code_hash';

const SQL = {
  insertSubmission: `INSERT INTO dilemma_submissions (${SUBMISSION_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  completeClaim: `UPDATE idempotency_keys SET state = 'done', sealed_response = ?, lease_expires_at = NULL
    WHERE key_hash = ? AND state = 'pending' AND claim_id = ?`,
  submissions: `SELECT ${SUBMISSION_COLUMNS} FROM dilemma_submissions ORDER BY received_at DESC, id DESC LIMIT ?`,
  submission: `SELECT ${SUBMISSION_COLUMNS} FROM dilemma_submissions WHERE id = ?`,
  submissionByReadCode: `SELECT ${SUBMISSION_COLUMNS} FROM dilemma_submissions WHERE read_code_hash = ?`,
  deleteSubmissionsBefore: 'DELETE FROM dilemma_submissions WHERE delete_after <= ?',
  insertCard: `INSERT INTO dilemma_cards (${CARD_COLUMNS}, language) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  updateText: 'UPDATE dilemma_cards SET text_json = ?, language = ?, status = ?, updated_at = ? WHERE id = ?',
  publish: `UPDATE dilemma_cards SET status = 'published', published_at = ?, updated_at = ? WHERE id = ? AND status <> 'published'`,
  unpublish: `UPDATE dilemma_cards SET status = 'unpublished', updated_at = ? WHERE id = ? AND status = 'published'`,
  card: `SELECT ${CARD_COLUMNS} FROM dilemma_cards WHERE id = ?`,
  cards: `SELECT ${CARD_COLUMNS} FROM dilemma_cards ORDER BY updated_at DESC, id DESC LIMIT ?`,
  cardsOf: `SELECT ${CARD_COLUMNS} FROM dilemma_cards WHERE submission_id = ? ORDER BY created_at, id`,
  publishedCards: `SELECT ${CARD_COLUMNS} FROM dilemma_cards WHERE status = 'published' AND language = ? ORDER BY published_at, id`,
  publishedByReadCode: `SELECT ${CARD_COLUMNS} FROM dilemma_cards WHERE status = 'published' AND read_code_hash = ? ORDER BY published_at, id`,
  cardExistsByReadCode: 'SELECT id FROM dilemma_cards WHERE read_code_hash = ?',
} as const;

interface SubmissionRow {
  id: string;
  received_at: string;
  delete_after: string;
  role: StoredDilemma['role'];
  theme: StoredDilemma['theme'];
  locale: string | null;
  content_json: string | null;
  encrypted_content_json: string | null;
  read_code_hash: string | null;
}

interface CardRow {
  id: string;
  submission_id: string | null;
  read_code_hash: string | null;
  status: DilemmaDraftStatus;
  text_json: string;
  created_at: string;
  updated_at: string;
  published_at: string | null;
}

function toDilemma(row: SubmissionRow): StoredDilemma {
  return {
    id: row.id,
    receivedAt: row.received_at,
    deleteAfter: row.delete_after,
    role: row.role,
    theme: row.theme,
    ...(row.locale ? { locale: row.locale } : {}),
    ...(row.content_json ? { content: JSON.parse(row.content_json) as DilemmaContent } : {}),
    ...(row.encrypted_content_json ? { encryptedContent: JSON.parse(row.encrypted_content_json) as Schema<'HpkeEnvelope'> } : {}),
    ...(row.read_code_hash ? { readCodeHash: row.read_code_hash } : {}),
  };
}

function toCard(row: CardRow): StoredDilemmaCard {
  return {
    id: row.id,
    ...(row.submission_id ? { submissionId: row.submission_id } : {}),
    ...(row.read_code_hash ? { readCodeHash: row.read_code_hash } : {}),
    status: row.status,
    text: JSON.parse(row.text_json) as DilemmaCardText,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    ...(row.published_at ? { publishedAt: row.published_at } : {}),
  };
}

export class DilemmaStore {
  constructor(private readonly db: SqlRunner) {}

  /** Stores a submission and completes its claim in one transaction; IdempotencyClaimLostError (nothing stored) when the claim was taken over. */
  async createSubmission(dilemma: StoredDilemma, claim: DilemmaClaim): Promise<void> {
    const statements: BatchStatement[] = [
      {
        sql: SQL.insertSubmission,
        params: [
          dilemma.id,
          dilemma.receivedAt,
          dilemma.deleteAfter,
          dilemma.role,
          dilemma.theme,
          dilemma.locale ?? null,
          dilemma.content ? JSON.stringify(dilemma.content) : null,
          dilemma.encryptedContent ? JSON.stringify(dilemma.encryptedContent) : null,
          dilemma.readCodeHash ?? null,
        ],
      },
      { sql: SQL.completeClaim, params: [claim.sealedResponse, claim.keyHash, claim.claimId], mustChangeOne: true },
    ];
    if (!(await this.db.batch(statements))) throw new IdempotencyClaimLostError();
  }

  /** The submissions not yet deleted, newest first. */
  async submissions(): Promise<StoredDilemma[]> {
    return (await this.db.all<SubmissionRow>(SQL.submissions, [DILEMMA_LIST_LIMIT])).map(toDilemma);
  }

  async submission(id: string): Promise<StoredDilemma | undefined> {
    const [row] = await this.db.all<SubmissionRow>(SQL.submission, [id]);
    return row ? toDilemma(row) : undefined;
  }

  /** Deletes the submissions whose period has ended; answers how many. */
  deleteSubmissionsBefore(now: string): Promise<number> {
    return this.db.run(SQL.deleteSubmissionsBefore, [now]);
  }

  async createCard(card: StoredDilemmaCard): Promise<void> {
    await this.db.run(SQL.insertCard, [
      card.id,
      card.submissionId ?? null,
      card.readCodeHash ?? null,
      card.status,
      JSON.stringify(card.text),
      card.createdAt,
      card.updatedAt,
      card.publishedAt ?? null,
      card.text.language,
    ]);
  }

  /** New texts; the card becomes a draft again. False when the card is unknown. */
  async updateCardText(id: string, text: DilemmaCardText, at: string): Promise<boolean> {
    return (await this.db.run(SQL.updateText, [JSON.stringify(text), text.language, 'draft', at, id])) === 1;
  }

  /** Publishes (true) or unpublishes (false); answers whether the state changed. */
  async setPublished(id: string, published: boolean, at: string): Promise<boolean> {
    return (await (published ? this.db.run(SQL.publish, [at, at, id]) : this.db.run(SQL.unpublish, [at, id]))) === 1;
  }

  async card(id: string): Promise<StoredDilemmaCard | undefined> {
    const [row] = await this.db.all<CardRow>(SQL.card, [id]);
    return row ? toCard(row) : undefined;
  }

  /** Every card made here, newest change first. */
  async cards(): Promise<StoredDilemmaCard[]> {
    return (await this.db.all<CardRow>(SQL.cards, [DILEMMA_LIST_LIMIT])).map(toCard);
  }

  async cardsOf(submissionId: string): Promise<StoredDilemmaCard[]> {
    return (await this.db.all<CardRow>(SQL.cardsOf, [submissionId])).map(toCard);
  }

  async publishedCards(language: string): Promise<StoredDilemmaCard[]> {
    return (await this.db.all<CardRow>(SQL.publishedCards, [language])).map(toCard);
  }

  /** What a read code finds: whether it is known at all (a submission or a card holds it), and the published cards made with it. */
  async readCode(hash: string): Promise<{ known: boolean; published: StoredDilemmaCard[] }> {
    const published = (await this.db.all<CardRow>(SQL.publishedByReadCode, [hash])).map(toCard);
    if (published.length) return { known: true, published };
    const known = (await this.db.all(SQL.submissionByReadCode, [hash])).length > 0 || (await this.db.all(SQL.cardExistsByReadCode, [hash])).length > 0;
    return { known, published };
  }
}

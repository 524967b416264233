// The demo outbox (migration 11): where a server without SMTP puts the mails it would have sent,
// so that the demo site can show them (/postvak). The mails hold no report content, like every
// notice; the outbox keeps the latest ones only.
import { randomUUID } from 'node:crypto';
import { sqlRunnerFor, type SqlRunner } from './sql-runner.js';
import type { Store } from './store.js';

export interface OutboxMail {
  id: string;
  sentAt: string;
  recipients: string[];
  subject: string;
  body: string;
}

/** Older mails are removed when a new one arrives: a demo needs the latest, not an archive. */
const KEEP = 200;

const OUTBOX_SQL = {
  add: 'INSERT INTO mail_outbox (id, sent_at, recipients, subject, body) VALUES (?, ?, ?, ?, ?)',
  trim: `DELETE FROM mail_outbox WHERE id NOT IN (SELECT id FROM mail_outbox ORDER BY sent_at DESC, id DESC LIMIT ${KEEP})`,
  latest: 'SELECT id, sent_at, recipients, subject, body FROM mail_outbox ORDER BY sent_at DESC, id DESC LIMIT ?',
} as const;

interface OutboxRow {
  id: string;
  sent_at: string;
  recipients: string;
  subject: string;
  body: string;
}

export class MailOutbox {
  constructor(private readonly db: SqlRunner) {}

  async add(mail: Omit<OutboxMail, 'id'>): Promise<void> {
    await this.db.run(OUTBOX_SQL.add, [`m_${randomUUID()}`, mail.sentAt, mail.recipients.join(', '), mail.subject, mail.body]);
    await this.db.run(OUTBOX_SQL.trim, []);
  }

  /** The newest mails first. */
  async latest(limit: number): Promise<OutboxMail[]> {
    const rows = await this.db.all<OutboxRow>(OUTBOX_SQL.latest, [limit]);
    return rows.map((row) => ({ id: row.id, sentAt: row.sent_at, recipients: row.recipients ? row.recipients.split(', ') : [], subject: row.subject, body: row.body }));
  }
}

/** The outbox in the store's database, whichever engine it is. */
export function mailOutboxFor(store: Store): MailOutbox {
  return new MailOutbox(sqlRunnerFor(store));
}

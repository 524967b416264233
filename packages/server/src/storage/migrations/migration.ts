// One schema version. A migration is never edited once released: add a new one instead (the next
// number, one file `NNN-name.ts`, listed in index.ts). Each version has its SQL for SQLite and for
// PostgreSQL: the same tables, columns and meaning (timestamps as RFC 3339 text, JSON as text), each
// engine's types; written once where the engines agree.
export interface Migration {
  version: number;
  name: string;
  sqlite: string;
  postgres: string;
}

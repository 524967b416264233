// Version 6: case lists and references that stay flat as cases grow. Released: never edit it.
import type { Migration } from './migration.js';

/**
 * What migration 6 does alike on both engines (a generated column is computed on read in SQLite and
 * stored in PostgreSQL, which has no other kind). Part of a released migration: never edit it.
 */
function caseListIndexesV6(generatedColumn: 'VIRTUAL' | 'STORED'): string {
  return `
      DROP INDEX cases_received_at;
      DROP INDEX cases_acknowledge_due_at;
      DROP INDEX cases_feedback_due_at;
      CREATE INDEX cases_by_received_at ON cases (received_at, reference);
      CREATE INDEX cases_by_acknowledge_due_at ON cases (acknowledge_due_at, reference);
      CREATE INDEX cases_by_feedback_due_at ON cases (feedback_due_at, reference);
      CREATE INDEX cases_by_status ON cases (status, received_at, reference);
      CREATE INDEX cases_by_category ON cases (category, received_at, reference);
      ALTER TABLE cases ADD COLUMN open_deadline_at TEXT GENERATED ALWAYS AS (
        CASE
          WHEN acknowledged_at IS NULL AND (feedback_given_at IS NOT NULL OR acknowledge_due_at < feedback_due_at) THEN acknowledge_due_at
          WHEN feedback_given_at IS NULL THEN feedback_due_at
        END
      ) ${generatedColumn};
      CREATE INDEX cases_by_open_deadline_at ON cases (open_deadline_at);
      CREATE INDEX cases_open_by_received_at ON cases (received_at, reference) WHERE open_deadline_at IS NOT NULL;
      CREATE INDEX cases_open_by_acknowledge_due_at ON cases (acknowledge_due_at, reference) WHERE open_deadline_at IS NOT NULL;
      CREATE INDEX cases_open_by_feedback_due_at ON cases (feedback_due_at, reference) WHERE open_deadline_at IS NOT NULL;
      ALTER TABLE cases ADD COLUMN has_contact INTEGER NOT NULL DEFAULT 0;`;
}

export const migration: Migration = {
  version: 6,
  name: 'case lists and references that stay flat as cases grow: list indexes, open deadline, contact flag, reference counters',
  // The list pages ids on an index (received_at/deadline + reference, the tie-break) and reads only
  // the page's rows; the status and category filters each have an index in the default order.
  // open_deadline_at is the earliest deadline not met yet (NULL when both are), so "overdue at t"
  // is one indexable range, open_deadline_at < t (the count), and the overdue page walks the open
  // cases alone in the order asked (the cases_open_by_* partial indexes), never the closed ones.
  // has_contact spares the list reading the report.
  // The counters number each year's cases with one upsert instead of counting the year's cases,
  // seeded here from the highest number each year already has. A trigger keeps them at least at
  // the number of any case inserted another way — by an instance of the previous version during a
  // rolling update, which still counts — so that the next number never collides with it; another
  // sets has_contact on such a case (that version does not know the column).
  sqlite: `${caseListIndexesV6('VIRTUAL')}
      UPDATE cases SET has_contact = 1 WHERE json_extract(content_json, '$.contact') IS NOT NULL;
      CREATE TABLE case_reference_counters (
        year TEXT PRIMARY KEY,
        last_number INTEGER NOT NULL
      );
      INSERT INTO case_reference_counters (year, last_number)
        SELECT substr(reference, 4, 4), MAX(CAST(substr(reference, 9) AS INTEGER)) FROM cases
        WHERE reference GLOB 'WB-[0-9][0-9][0-9][0-9]-[0-9]*' GROUP BY substr(reference, 4, 4);
      CREATE TRIGGER cases_reference_counted AFTER INSERT ON cases
      WHEN NEW.reference GLOB 'WB-[0-9][0-9][0-9][0-9]-[0-9]*'
      BEGIN
        INSERT INTO case_reference_counters (year, last_number)
          VALUES (substr(NEW.reference, 4, 4), CAST(substr(NEW.reference, 9) AS INTEGER))
          ON CONFLICT (year) DO UPDATE SET last_number = MAX(last_number, excluded.last_number);
      END;
      CREATE TRIGGER cases_contact_flagged AFTER INSERT ON cases
      WHEN NEW.has_contact = 0 AND json_extract(NEW.content_json, '$.contact') IS NOT NULL
      BEGIN
        UPDATE cases SET has_contact = 1 WHERE id = NEW.id;
      END;
    `,
  postgres: `${caseListIndexesV6('STORED')}
      UPDATE cases SET has_contact = 1 WHERE content_json IS NOT NULL AND content_json::jsonb -> 'contact' IS NOT NULL
        AND content_json::jsonb -> 'contact' <> 'null'::jsonb;
      CREATE TABLE case_reference_counters (
        year TEXT PRIMARY KEY,
        last_number INTEGER NOT NULL
      );
      INSERT INTO case_reference_counters (year, last_number)
        SELECT substring(reference from 4 for 4), MAX(CAST(substring(reference from 9) AS INTEGER)) FROM cases
        WHERE reference ~ '^WB-[0-9]{4}-[0-9]+$' GROUP BY substring(reference from 4 for 4);
      CREATE FUNCTION cases_reference_counted() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.reference ~ '^WB-[0-9]{4}-[0-9]+$' THEN
          INSERT INTO case_reference_counters (year, last_number)
            VALUES (substring(NEW.reference from 4 for 4), CAST(substring(NEW.reference from 9) AS INTEGER))
            ON CONFLICT (year) DO UPDATE SET last_number = GREATEST(case_reference_counters.last_number, excluded.last_number);
        END IF;
        RETURN NULL;
      END $$;
      CREATE TRIGGER cases_reference_counted AFTER INSERT ON cases FOR EACH ROW EXECUTE FUNCTION cases_reference_counted();
      CREATE FUNCTION cases_contact_flagged() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.content_json IS NOT NULL AND NEW.content_json::jsonb -> 'contact' IS NOT NULL
          AND NEW.content_json::jsonb -> 'contact' <> 'null'::jsonb THEN
          NEW.has_contact := 1;
        END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER cases_contact_flagged BEFORE INSERT ON cases FOR EACH ROW WHEN (NEW.has_contact = 0)
        EXECUTE FUNCTION cases_contact_flagged();
    `,
};

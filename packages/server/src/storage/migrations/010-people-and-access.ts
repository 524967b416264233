// Version 10: people who sign in (accounts, passkeys, invitations, sign-in ceremonies and sessions,
// wrapped keys), the groups cases are routed to, the routing itself, and access per case
// (assignees, grants, exclusions). Part of a released migration once landed: never edit it.
//
// Every case gets a group: existing cases by the routing seeded here, new ones by a trigger at
// insert time (so every way a case is created — a report, an oral intake, an instance of the
// previous version during a rolling update — is routed, atomically with the insert).
import type { Migration } from './migration.js';

/** Tables alike on both engines apart from the byte type. */
function tables(bytes: 'BLOB' | 'BYTEA'): string {
  return `
      CREATE TABLE groups (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        description TEXT
      );
      CREATE TABLE accounts (
        id TEXT PRIMARY KEY,
        display_name TEXT NOT NULL,
        roles TEXT NOT NULL,
        active INTEGER NOT NULL DEFAULT 1,
        email TEXT UNIQUE,
        oidc_subject TEXT UNIQUE,
        created_at TEXT NOT NULL,
        last_sign_in_at TEXT
      );
      CREATE TABLE account_groups (
        account_id TEXT NOT NULL REFERENCES accounts (id),
        group_id TEXT NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
        PRIMARY KEY (account_id, group_id)
      );
      CREATE INDEX account_groups_by_group ON account_groups (group_id, account_id);
      CREATE TABLE passkeys (
        id TEXT PRIMARY KEY,
        account_id TEXT NOT NULL REFERENCES accounts (id),
        name TEXT NOT NULL,
        public_key ${bytes} NOT NULL,
        sign_count INTEGER NOT NULL,
        transports TEXT,
        created_at TEXT NOT NULL,
        last_used_at TEXT
      );
      CREATE INDEX passkeys_by_account ON passkeys (account_id);
      CREATE TABLE wrapped_keys (
        passkey_id TEXT PRIMARY KEY REFERENCES passkeys (id) ON DELETE CASCADE,
        account_id TEXT NOT NULL REFERENCES accounts (id),
        key_id TEXT NOT NULL,
        algorithm TEXT NOT NULL,
        wrapped_key TEXT NOT NULL,
        stored_at TEXT NOT NULL
      );
      CREATE TABLE invitations (
        code_hash ${bytes} PRIMARY KEY,
        account_id TEXT NOT NULL REFERENCES accounts (id),
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        used_at TEXT
      );
      CREATE INDEX invitations_by_account ON invitations (account_id);
      CREATE TABLE sign_in_ceremonies (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        challenge TEXT NOT NULL,
        account_id TEXT REFERENCES accounts (id),
        invitation_hash ${bytes},
        data_json TEXT,
        expires_at TEXT NOT NULL
      );
      CREATE INDEX sign_in_ceremonies_by_expiry ON sign_in_ceremonies (expires_at);
      CREATE TABLE sign_in_sessions (
        id TEXT PRIMARY KEY,
        token_hash ${bytes} NOT NULL UNIQUE,
        account_id TEXT NOT NULL REFERENCES accounts (id),
        method TEXT NOT NULL,
        passkey_id TEXT,
        started_at TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        idle_expires_at TEXT NOT NULL,
        ended_at TEXT
      );
      CREATE INDEX sign_in_sessions_by_account ON sign_in_sessions (account_id);
      CREATE TABLE routing (
        role TEXT PRIMARY KEY,
        group_id TEXT NOT NULL REFERENCES groups (id),
        alternate_group_id TEXT NOT NULL REFERENCES groups (id)
      );
      CREATE TABLE case_access (
        case_id TEXT NOT NULL REFERENCES cases (id),
        account_id TEXT NOT NULL REFERENCES accounts (id),
        kind TEXT NOT NULL,
        at TEXT NOT NULL,
        PRIMARY KEY (case_id, account_id, kind)
      );
      CREATE INDEX case_access_by_account ON case_access (account_id, kind, case_id);
      INSERT INTO groups (id, name, description) VALUES
        ('integrity-officers', 'Integriteitscoördinatoren', 'Meldingen van ambtenaren en anderen.'),
        ('griffie', 'Griffie', 'Meldingen van raadsleden.'),
        ('mayors-office', 'Kabinet van de burgemeester', 'Meldingen van bestuurders.'),
        ('municipal-secretary', 'Gemeentesecretaris', 'Meldingen over de integriteitscoördinatoren.');
      INSERT INTO routing (role, group_id, alternate_group_id) VALUES
        ('civil-servant', 'integrity-officers', 'municipal-secretary'),
        ('administrator', 'mayors-office', 'integrity-officers'),
        ('council-member', 'griffie', 'mayors-office'),
        ('other', 'integrity-officers', 'municipal-secretary');
      ALTER TABLE cases ADD COLUMN concerns_receiver INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE cases ADD COLUMN group_id TEXT;
      UPDATE cases SET group_id = (SELECT r.group_id FROM routing r WHERE r.role = cases.role);
      CREATE INDEX cases_by_group ON cases (group_id, received_at, reference);`;
}

export const migration: Migration = {
  version: 10,
  name: 'accounts, passkeys, invitations, sign-in sessions, groups, routing, access per case',
  sqlite: `${tables('BLOB')}
      CREATE TRIGGER cases_routed AFTER INSERT ON cases WHEN NEW.group_id IS NULL
      BEGIN
        UPDATE cases SET group_id = (
          SELECT CASE WHEN NEW.concerns_receiver = 1 THEN r.alternate_group_id ELSE r.group_id END FROM routing r WHERE r.role = NEW.role
        ) WHERE id = NEW.id;
      END;
  `,
  postgres: `${tables('BYTEA')}
      CREATE FUNCTION cases_routed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        SELECT CASE WHEN NEW.concerns_receiver = 1 THEN r.alternate_group_id ELSE r.group_id END INTO NEW.group_id
          FROM routing r WHERE r.role = NEW.role;
        RETURN NEW;
      END $$;
      CREATE TRIGGER cases_routed BEFORE INSERT ON cases FOR EACH ROW WHEN (NEW.group_id IS NULL) EXECUTE FUNCTION cases_routed();
  `,
};

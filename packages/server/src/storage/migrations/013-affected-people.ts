// The people a report affected, by role, as a handler recorded them (contract 1.2,
// setAffectedPeople): a sealed report carries no roles in the clear, so the handler who opened it
// records them. Part of a released migration once landed: never edit it, add a new one.
import type { Migration } from './migration.js';

/** The same statement on both engines; NULL means nobody recorded them (the form's answer counts). */
const AFFECTED_PEOPLE = 'ALTER TABLE cases ADD COLUMN affected_people_json TEXT;';

export const migration: Migration = {
  version: 13,
  name: 'the people affected by role, as recorded by a handler',
  sqlite: AFFECTED_PEOPLE,
  postgres: AFFECTED_PEOPLE,
};

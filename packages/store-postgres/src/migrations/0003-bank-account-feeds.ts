import type { Migration } from './migration.js'

/**
 * The life-cycle fields of each dossier bank account's feed — protocol, start date and its lock,
 * frequency, automatic entries — as a table beside the dossier's document, written in the same
 * transaction as it (the document stays the truth; this is its projection). A job runner or a
 * firm's own SQL asks "which feeds are due, from when" without reading every document. Filled from
 * the documents already stored.
 */
export const migration0003: Migration = {
  version: 3,
  name: 'bank account feeds',
  sql: `
CREATE TABLE bank_account_feed (
  dossier_code text NOT NULL REFERENCES dossier (code) ON DELETE CASCADE,
  bank_account_id text NOT NULL,
  -- null while no protocol is chosen; the account has no feed object at all when feed is absent.
  protocol text CHECK (protocol IS NULL OR protocol IN ('bankin', 'dsp2', 'cfonb', 'sobank')),
  start_date date,
  start_date_locked boolean NOT NULL,
  frequency text NOT NULL CHECK (frequency IN ('daily', 'weekly', 'monthly')),
  auto_generate_entries boolean NOT NULL,
  PRIMARY KEY (dossier_code, bank_account_id)
);
CREATE INDEX bank_account_feed_protocol ON bank_account_feed (protocol, frequency);

INSERT INTO bank_account_feed
SELECT d.code, a->>'id', a->'feed'->>'protocol', (a->'feed'->>'startDate')::date,
       (a->'feed'->>'startDateLocked')::boolean, a->'feed'->>'frequency',
       (a->'feed'->>'autoGenerateEntries')::boolean
FROM dossier d, jsonb_array_elements(d.document->'bankAccounts') a
WHERE jsonb_typeof(a->'feed') = 'object';
`,
}

import type { Migration } from './migration.js'

/**
 * Connection states (one row per connection, the state's dates as `date` columns, its problem as
 * the JSON object core made, a version for optimistic saves) and dossiers (the JSON v1 document,
 * listed in the order first saved).
 */
export const migration0001: Migration = {
  version: 1,
  name: 'connection states and dossiers',
  sql: `
CREATE TABLE connection_state (
  connection_id text PRIMARY KEY,
  attachment text NOT NULL CHECK (attachment IN ('notAttached', 'attached', 'detached')),
  -- ConnectionProblem as core builds it: optional members stay absent, not null.
  problem jsonb CHECK (problem IS NULL OR jsonb_typeof(problem) = 'object'),
  consent_expires_on date,
  reauth_emailed_on date,
  last_collected_on date,
  last_failed_on date,
  warned_for date,
  version integer NOT NULL CHECK (version > 0),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE dossier (
  code text PRIMARY KEY,
  -- The dossier JSON version 1 (core's encodeDossier), read back with decodeDossier.
  document jsonb NOT NULL CHECK (jsonb_typeof(document) = 'object' AND document->>'code' = code),
  -- The order dossiers were first saved in: list() follows it, whatever the collation.
  seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  version integer NOT NULL DEFAULT 1 CHECK (version > 0),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
`,
}

/**
 * One step of the database schema: `sql` (several statements, no `BEGIN`/`COMMIT`, table names
 * unqualified: they land in the store's schema) is applied once, in its own transaction, and recorded
 * as `version` in `schema_version`. Versions run 1, 2, 3… without gaps; a migration once released is
 * never edited, a change is a new migration.
 */
export interface Migration {
  readonly version: number
  /** What it adds, for the `schema_version` table and people reading it. */
  readonly name: string
  readonly sql: string
}

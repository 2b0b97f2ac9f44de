/** The schema the stores use when none is named. */
export const DEFAULT_SCHEMA = 'bankfeed'

// Lower-case unquoted identifiers only: they need no quoting in `search_path`, in a connection's
// `options` or in SQL, and read the same in every tool. `pg_` names are reserved by PostgreSQL.
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/

/** Whether `name` can be a store's schema: `[a-z_][a-z0-9_]*`, at most 63 characters, not `pg_…`. */
export const isSchemaName = (name: string): boolean => SCHEMA_NAME.test(name) && !name.startsWith('pg_')

/**
 * The schema name, checked. A bad name is a mistake in the application's configuration, found when
 * the store is set up: it throws, naming the rule.
 */
export const checkSchemaName = (name: string): string => {
  if (!isSchemaName(name))
    throw new Error(
      `invalid schema name ${JSON.stringify(name)}: use lower-case letters, digits and _ (at most 63, not starting with a digit or pg_)`,
    )
  return name
}

/**
 * The statement that pins, for the current transaction only (`set_config(…, true)` is `SET LOCAL`),
 * what the stores' SQL relies on: the schema tables are looked up in, and the ISO date style the type
 * parsers read. Used where the session may be shared: an application's pool, a PGlite instance.
 */
export const PIN_TRANSACTION_SETTINGS =
  "SELECT set_config('search_path', $1, true), set_config('datestyle', 'ISO, MDY', true)"

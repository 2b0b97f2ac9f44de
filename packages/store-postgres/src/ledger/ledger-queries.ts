/**
 * The SQL of the ledger store, one statement per need, each served by one index of
 * `0002-ledgers.ts` (`test/query-plans.*.test.ts` explains each as the store sends it and fails on a ledger table read whole; the plans are in `docs/query-plans.*.md`). Parameters are arrays
 * wherever a batch has many values: one round trip whatever the batch size.
 */
import { MOVEMENT_COLUMNS, STATEMENT_SLICE_COLUMNS } from './rows.js'

/**
 * The columns a slice reads, as the elements of one JSON array per row. A slice answers in one JSON
 * text rather than in rows: a driver moves a text field out of the database one at a time (PGlite
 * copies each into its own buffer before decoding it, about a microsecond a field), and a slice is
 * thousands of rows of twenty fields. One text decodes at once, natively. Amounts go as `numeric`
 * text (a JSON number would pass through a JS number), days as ISO text (what `to_json` writes for
 * a `date`), documents as the JSON they are.
 */
export const MOVEMENT_JSON_COLUMNS = MOVEMENT_COLUMNS.map((c) =>
  c === 'amount' ? 'm.amount::text' : `m.${c}`,
).join(', ')

/** The statement columns of a slice, as {@link MOVEMENT_JSON_COLUMNS}, in the order of {@link STATEMENT_SLICE_COLUMNS}. */
export const STATEMENT_JSON_COLUMNS = STATEMENT_SLICE_COLUMNS.map((c) => `s.${c}`).join(', ')

/** The ledger row of an account. */
export const LEDGER_ROW = `select id, version, next_seq, currency from ledger where dossier_code = $1 and bank_account_id = $2`

/**
 * The ledger rows of accounts (`$1`, `$2`: codes and ids), with the index `i` of each in the lists.
 *
 * Here and below, a lookup by a list of keys is a `lateral` subquery fenced by `offset 0`: one index
 * probe per key, whatever the statistics say. The lists are a batch's (bounded), the tables the
 * history (unbounded); with a hundred keys the planner otherwise chose hash joins over whole tables
 * (`test/query-plans.*.test.ts` shows both).
 */
export const LEDGER_ROWS = `
select l.id, l.version, l.next_seq, l.currency, k.i
  from unnest($1::text[], $2::text[]) with ordinality as k (dc, ba, i)
  cross join lateral (
    select x.id, x.version, x.next_seq, x.currency from ledger x
     where x.dossier_code = k.dc and x.bank_account_id = k.ba offset 0) as l`

/**
 * The same, locked for a commit, one probe per key. Keys are sent sorted (`ledgerLockOrder`): two
 * commits sharing ledgers lock them in one order, so they wait for each other instead of deadlocking.
 */
export const LEDGER_ROWS_FOR_UPDATE = `
select l.id, l.version, l.next_seq, l.currency, l.dossier_code, l.bank_account_id
  from unnest($1::text[], $2::text[]) with ordinality as k (dc, ba, i)
  cross join lateral (
    select x.id, x.version, x.next_seq, x.currency, x.dossier_code, x.bank_account_id from ledger x
     where x.dossier_code = k.dc and x.bank_account_id = k.ba
       for update) as l
 order by k.i`

/** New ledger rows at version 0 (a concurrent creation violates the unique key: a conflict). */
export const INSERT_LEDGERS = `
insert into ledger (dossier_code, bank_account_id, currency)
select * from unnest($1::text[], $2::text[], $3::text[])
returning id, version, next_seq, currency, dossier_code, bank_account_id`

/**
 * Moves ledgers to their next version (`$1`, `$2`: ids, their next `seq`s). The one statement whose
 * plan may read a table whole: PostgreSQL 15 hash-joins a hundred ids with `ledger` (one row per
 * bank account, already locked by this commit) rather than probing its key — cheaper at that size,
 * and the table grows with the accounts, not the history. An update cannot take a fenced lateral.
 */
export const BUMP_LEDGERS = `
update ledger set version = version + 1, next_seq = u.n, updated_at = now()
  from unnest($1::int8[], $2::int8[]) as u (id, n)
 where ledger.id = u.id`

/** The connections that ever delivered to these ledgers. */
export const LEDGER_CONNECTIONS = `
select c.ledger_id, c.connection_id
  from unnest($1::int8[]) as k (l)
  cross join lateral (select x.ledger_id, x.connection_id from ledger_connection x where x.ledger_id = k.l offset 0) as c
 order by c.ledger_id, c.connection_id`

/** Records connections (new ones only). */
export const INSERT_CONNECTIONS = `insert into ledger_connection (ledger_id, connection_id)
  select * from unnest($1::int8[], $2::text[]) on conflict do nothing`

/**
 * The movements slices hold, of several ledgers at once: named by key (`$1`–`$2`: ledger, provider
 * key or id), by content family (`$3`–`$4`: ledger, family — every key in `[family#, family$)`, ids
 * and aliases alike), booked on the days of ranges (`$5`–`$7`: ledger, first and last day), and the
 * open ones of the ledgers `$8` (pending, deleted after their entry, awaiting an entry). In no
 * particular order (the store sorts each ledger's by `seq`: a sort of wide rows here spilled to disk).
 * The answer is one JSON text (see {@link MOVEMENT_JSON_COLUMNS}): a list of rows, each naming the
 * movement (ledger, id) then its columns, all `null` for the ones the caller already holds at the
 * ledger's current version (`$9`–`$10`: ledger, id), which it reuses.
 *
 * The family ranges and the final fetch are `lateral` subqueries fenced by `offset 0`, so each is an
 * index probe per key whatever the statistics: the planner cannot tell how narrow a range
 * `[family#, family$)` is, and with a thousand families (a hundred accounts in one sync) it chose a
 * hash join over the whole movement table instead (seen in the benchmark).
 */
export const SLICE_MOVEMENTS = `
with wanted as (
  select m.ledger_id, m.id from unnest($1::int8[], $2::text[]) as e (l, k)
    cross join lateral (select x.ledger_id, x.id from movement x where x.ledger_id = e.l and x.id = e.k offset 0) as m
  union
  select m.ledger_id, m.id from unnest($3::int8[], $4::text[]) as f (l, f)
    cross join lateral (
      select x.ledger_id, x.id from movement x
       where x.ledger_id = f.l and x.id >= (f.f || '#') collate "C" and x.id < (f.f || '$') collate "C"
      offset 0) as m
  union
  select a.ledger_id, a.movement_id from unnest($1::int8[], $2::text[]) as e (l, k)
    cross join lateral (
      select x.ledger_id, x.movement_id from movement_alias x where x.ledger_id = e.l and x.key = e.k offset 0) as a
  union
  select a.ledger_id, a.movement_id from unnest($3::int8[], $4::text[]) as f (l, f)
    cross join lateral (
      select x.ledger_id, x.movement_id from movement_alias x
       where x.ledger_id = f.l and x.key >= (f.f || '#') collate "C" and x.key < (f.f || '$') collate "C"
      offset 0) as a
  union
  select m.ledger_id, m.id from unnest($5::int8[], $6::date[], $7::date[]) as r (l, d_from, d_to)
    cross join lateral (
      select x.ledger_id, x.id from movement x
       where x.ledger_id = r.l and x.state = 'active' and x.booking_date between r.d_from and r.d_to
      offset 0) as m
  union
  select ledger_id, id from movement where ledger_id = any($8::int8[]) and (
    (state = 'active' and status = 'pending')
    or state = 'deletedNeedsReview'
    or (state = 'active' and status = 'booked' and entry_id is null and amount <> 0))
)
select coalesce(json_agg(json_build_array(w.ledger_id::text, w.id, ${MOVEMENT_JSON_COLUMNS})), '[]')::text as rows
  from wanted w
  left join unnest($9::int8[], $10::text[]) as h (l, id) on h.l = w.ledger_id and h.id = w.id
  left join lateral (
    select * from movement x where h.l is null and x.ledger_id = w.ledger_id and x.id = w.id offset 0) as m on true`

/**
 * The statements of a connection whose days meet a range (`$1`–`$4`: ledger, connection, first and
 * last day). As for movements, the answer is one JSON list of rows, each naming the statement
 * (ledger, id) then its columns ({@link STATEMENT_JSON_COLUMNS}), all `null` for those the caller
 * holds at the ledger's current version (`$5`–`$6`: ledger, id): a sync's follow-up read names the
 * spans of the statements its first read answered, and a statement's document is the widest thing a
 * slice decodes.
 */
export const SLICE_STATEMENTS = `
with wanted as (
  select distinct s.ledger_id, s.id
    from unnest($1::int8[], $2::text[], $3::date[], $4::date[]) as r (l, connection_id, d_from, d_to)
    cross join lateral (
      select x.ledger_id, x.id from statement x
       where x.ledger_id = r.l and x.connection_id = r.connection_id
         and x.closing_date >= r.d_from and x.opening_date <= r.d_to
      offset 0) as s
)
select coalesce(json_agg(json_build_array(w.ledger_id::text, w.id, ${STATEMENT_JSON_COLUMNS})), '[]')::text as rows
  from wanted w
  left join unnest($5::int8[], $6::text[]) as h (l, id) on h.l = w.ledger_id and h.id = w.id
  left join lateral (
    select * from statement x where h.l is null and x.ledger_id = w.ledger_id and x.id = w.id offset 0) as s on true`

/** The balances recorded on days (`$1`–`$2`: ledger, day). */
export const SLICE_BALANCES = `
select b.* from (select distinct * from unnest($1::int8[], $2::date[])) as d (l, day)
  cross join lateral (select * from balance x where x.ledger_id = d.l and x.date = d.day offset 0) as b
 order by b.ledger_id, b.seq`

/** A whole ledger, for full reads. */
export const ALL_MOVEMENTS = `select * from movement where ledger_id = $1 order by seq`
export const ALL_STATEMENTS = `select * from statement where ledger_id = $1 order by seq`
export const ALL_BALANCES = `select * from balance where ledger_id = $1 order by seq`
export const ALL_ENTRIES = `select * from entry where ledger_id = $1 order by seq`
export const ALL_ENTRY_LINES = `select * from entry_line where ledger_id = $1 order by entry_id, line_no`

/** Removes movements (`$1`–`$2`: ledger, id); their aliases go with them. */
export const DELETE_MOVEMENTS = `
delete from movement m using unnest($1::int8[], $2::text[]) as r (l, id)
 where m.ledger_id = r.l and m.id = r.id`

/** Removes the alias rows of movements about to be written again (`$1`–`$2`: ledger, movement). */
export const DELETE_ALIASES = `
delete from movement_alias a using unnest($1::int8[], $2::text[]) as r (l, id)
 where a.ledger_id = r.l and a.movement_id = r.id`

/** Records aliases (`$1`–`$3`: ledger, key, movement). */
export const INSERT_ALIASES = `insert into movement_alias (ledger_id, key, movement_id)
  select * from unnest($1::int8[], $2::text[], $3::text[]) on conflict do nothing`

/** Writes or replaces statements by id (one placed again keeps its `seq`). */
export const UPSERT_STATEMENTS = `
insert into statement (ledger_id, id, seq, protocol, connection_id, opening_date, closing_date, currency, body, movement_ids)
select * from unnest($1::int8[], $2::text[], $3::int8[], $4::text[], $5::text[], $6::date[], $7::date[], $8::text[], $9::jsonb[], $10::jsonb[])
on conflict (ledger_id, id) do update set movement_ids = excluded.movement_ids, body = excluded.body`

/** Records balances. */
export const INSERT_BALANCES = `insert into balance (ledger_id, protocol, connection_id, kind, date, amount)
  select b.l, b.p, b.c, b.k, b.d, b.a
    from unnest($1::int8[], $2::text[], $3::text[], $4::text[], $5::date[], $6::numeric[]) with ordinality as b (l, p, c, k, d, a, i)
  order by b.i`

/** Records entries (their lines follow). */
export const INSERT_ENTRIES = `
insert into entry (ledger_id, id, journal_code, journal_label, date, piece_ref, piece_date, label, validated_on)
select e.lg, e.id, e.jc, e.jl, e.d, e.pr, e.pd, e.l, e.v
  from unnest($1::int8[], $2::text[], $3::text[], $4::text[], $5::date[], $6::text[], $7::date[], $8::text[], $9::date[])
  with ordinality as e (lg, id, jc, jl, d, pr, pd, l, v, i)
order by e.i`

/** Records entry lines. */
export const INSERT_ENTRY_LINES = `
insert into entry_line (ledger_id, entry_id, line_no, account, auxiliary, label, debit, credit, movement_id, statement_id)
select * from unnest($1::int8[], $2::text[], $3::int4[], $4::text[], $5::text[], $6::text[], $7::numeric[], $8::numeric[], $9::text[], $10::text[])`

/** A connection's cursor, locked for a commit. */
export const CURSOR_FOR_UPDATE = `select value, version from connection_cursor where connection_id = $1 for update`
export const CURSOR_ROW = `select value, version from connection_cursor where connection_id = $1`
export const INSERT_CURSOR = `insert into connection_cursor (connection_id, value, version) values ($1, $2, 1)`
export const UPDATE_CURSOR = `update connection_cursor set value = $2, version = version + 1, updated_at = now() where connection_id = $1`

/** Events to publish once committed. */
export const INSERT_EVENTS = `insert into outbox (type, dossier_code, bank_account_id, occurred_at, data)
  select e.t, e.dc, e.ba, e.at, e.d
    from unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[], $5::jsonb[]) with ordinality as e (t, dc, ba, at, d, i)
  order by e.i`
export const ALL_EVENTS = `select type, dossier_code, bank_account_id, occurred_at, data from outbox order by id`

/** Notices of a commit. */
export const INSERT_NOTICES = `insert into notice (connection_id, body) select $1, b from unnest($2::jsonb[]) with ordinality as n (b, i) order by i`
export const ALL_NOTICES = `select body from notice order by id`

/** The unmatched queue. */
export const INSERT_UNMATCHED = `insert into unmatched (id, connection_id, protocol, reason, candidates, item, queued_on)
  select q.id, q.c, q.p, q.r, q.cand, q.item, q.d
    from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::jsonb[], $6::jsonb[], $7::date[])
    with ordinality as q (id, c, p, r, cand, item, d, i)
  order by q.i
  on conflict (id) do nothing`
export const DELETE_UNMATCHED = `delete from unmatched where id = any($1::text[])`
export const UNMATCHED_OF = `select * from unmatched where connection_id = $1 order by seq`
export const ALL_UNMATCHED = `select * from unmatched order by seq`

/** Decisions kept for audit. */
export const INSERT_DECISIONS = `insert into decision (ledger_id, connection_id, tag, body)
  select d.l, $1, d.t, d.b from unnest($2::int8[], $3::text[], $4::jsonb[]) with ordinality as d (l, t, b, i) order by d.i`

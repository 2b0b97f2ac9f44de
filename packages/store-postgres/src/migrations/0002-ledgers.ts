import type { Migration } from './migration.js'

/**
 * Ledgers: one row per bank account, its movements (with their identities and aliases), statements,
 * balances, entries and entry lines; connection cursors; the events outbox; notices and the
 * decisions kept for audit; the queue of items routed to no bank account. Indexes serve exactly the slice queries of `ledger-queries.ts`:
 *
 * - identities: the movement primary key (`id` in byte order, so a content family `c:…:key` is the
 *   key range `[key#, key$)`) and `movement_alias` for the keys a movement took over;
 * - days: `movement_day`, the active movements by booking date;
 * - always read: `movement_open`, the few movements every slice holds (pending, deleted after their
 *   entry, awaiting an entry) — a partial index, so it stays as small as they are;
 * - statements of a span: `statement_span`; balances of a day: `balance_day`; entries of a period:
 *   `entry_day` (FEC exports).
 *
 * Written for PostgreSQL ≥ 14 and PGlite (PostgreSQL 18) alike: nothing newer than 14.
 */
export const LEDGERS_SQL = `
create table ledger (
  id bigserial primary key,
  dossier_code text not null,
  bank_account_id text not null,
  currency text not null,
  version bigint not null default 0,
  next_seq bigint not null default 1,
  updated_at timestamptz not null default now(),
  unique (dossier_code, bank_account_id)
);

create table ledger_connection (
  ledger_id bigint not null references ledger (id),
  connection_id text not null,
  primary key (ledger_id, connection_id)
);

create table movement (
  ledger_id bigint not null references ledger (id),
  id text collate "C" not null,
  seq bigint not null,
  provider_id text,
  status text not null check (status in ('booked', 'pending')),
  booking_date date not null,
  value_date date,
  amount numeric not null,
  label text not null,
  reference text,
  counterparty_name text,
  interbank_code text,
  details jsonb,
  protocol text not null,
  connection_id text not null,
  statement_id text,
  state text not null check (state in ('active', 'deletedNeedsReview')),
  entry_id text,
  replaced_pending_id text,
  aliases jsonb,
  pending_claims jsonb,
  primary key (ledger_id, id)
);
create index movement_day on movement (ledger_id, booking_date) where state = 'active';
create index movement_open on movement (ledger_id)
  where (state = 'active' and status = 'pending')
     or state = 'deletedNeedsReview'
     or (state = 'active' and status = 'booked' and entry_id is null and amount <> 0);

create table movement_alias (
  ledger_id bigint not null,
  key text collate "C" not null,
  movement_id text collate "C" not null,
  primary key (ledger_id, key, movement_id),
  foreign key (ledger_id, movement_id) references movement (ledger_id, id) on delete cascade
);
create index movement_alias_movement on movement_alias (ledger_id, movement_id);

create table statement (
  ledger_id bigint not null references ledger (id),
  id text collate "C" not null,
  seq bigint not null,
  protocol text not null,
  connection_id text not null,
  opening_date date not null,
  closing_date date not null,
  currency text not null,
  body jsonb not null,
  movement_ids jsonb not null,
  primary key (ledger_id, id)
);
create index statement_span on statement (ledger_id, connection_id, closing_date, opening_date);

create table balance (
  seq bigserial primary key,
  ledger_id bigint not null references ledger (id),
  protocol text not null,
  connection_id text not null,
  kind text not null check (kind in ('booked', 'current', 'available')),
  date date not null,
  amount numeric not null
);
create index balance_day on balance (ledger_id, date);

create table entry (
  ledger_id bigint not null references ledger (id),
  id text collate "C" not null,
  seq bigserial not null,
  journal_code text not null,
  journal_label text not null,
  date date not null,
  piece_ref text not null,
  piece_date date not null,
  label text not null,
  validated_on date,
  primary key (ledger_id, id)
);
create index entry_day on entry (ledger_id, date);

create table entry_line (
  ledger_id bigint not null,
  entry_id text collate "C" not null,
  line_no integer not null,
  account text not null,
  auxiliary text,
  label text not null,
  debit numeric not null check (debit >= 0),
  credit numeric not null check (credit >= 0),
  movement_id text,
  statement_id text,
  primary key (ledger_id, entry_id, line_no),
  foreign key (ledger_id, entry_id) references entry (ledger_id, id)
);

create table connection_cursor (
  connection_id text primary key,
  value text,
  version bigint not null,
  updated_at timestamptz not null default now()
);

create table outbox (
  id bigserial primary key,
  type text not null,
  dossier_code text not null,
  bank_account_id text,
  occurred_at timestamptz not null,
  data jsonb not null,
  published_at timestamptz
);
create index outbox_unpublished on outbox (id) where published_at is null;

create table notice (
  id bigserial primary key,
  connection_id text,
  recorded_at timestamptz not null default now(),
  body jsonb not null
);

create table decision (
  id bigserial primary key,
  ledger_id bigint not null references ledger (id),
  connection_id text,
  tag text not null,
  body jsonb not null,
  recorded_at timestamptz not null default now()
);
create index decision_ledger on decision (ledger_id, id);

create table unmatched (
  id text collate "C" primary key,
  seq bigserial not null,
  connection_id text not null,
  protocol text not null,
  reason text not null check (reason in ('UNKNOWN_ACCOUNT', 'AMBIGUOUS_ACCOUNT')),
  candidates jsonb not null,
  item jsonb not null,
  queued_on date not null
);
create index unmatched_connection on unmatched (connection_id, seq);
`

/** Migration 2: the ledger store's tables. */
export const migration0002: Migration = { version: 2, name: 'ledgers', sql: LEDGERS_SQL }

// Child process: fills a store with the existing history of every account, fast. Not measured.
//
// Ten template accounts get their history through `syncConnection` itself (CFONB statements, entries
// generated), so their rows are exactly what the store writes; every real account then receives a
// copy of one template's rows (movements, statements, entries and lines, audited decisions, the
// connection's cursor) by `INSERT … SELECT` inside the database, its connection id written in. The new
// statements a run syncs continue each template's balance chain, and are the account's own.
import { performance } from 'node:perf_hooks'
import { syncConnection } from '@bankfeed/core'
import {
  TEMPLATES,
  argsOfScale,
  connectionOf,
  daysOf,
  locationOfArgs,
  scaleOfArgs,
  templateOf,
} from './args.js'
import { openAt } from './engine.js'
import {
  START_UNITS,
  accountKey,
  clockAt,
  itemsOfFile,
  noEvents,
  preparedConnector,
  quietLogger,
  statementsOf,
  syncRequestOf,
} from './fixtures.js'

const TEMPLATE_CONNECTION = 'tmpl'

/** An entry id of the copy: `e:<dossier>:<account>:…`, the movement key in it with the connection's id. */
const ENTRY_ID = (column: string): string =>
  `replace(regexp_replace(${column}, '^e:[^:]*:[^:]*:', 'e:' || m.dc || ':' || m.ba || ':'), ':${TEMPLATE_CONNECTION}:', ':' || m.c || ':')`

const main = async (): Promise<void> => {
  const scale = scaleOfArgs()
  const at = locationOfArgs()
  const { perDay, historyDays } = daysOf(scale)
  const t0 = performance.now()
  const opened = await openAt(at)
  const { store } = opened
  const client = store.client
  const templates = Array.from({ length: TEMPLATES }, (_, k) => scale.accounts + k)
  const { items } = itemsOfFile(
    templates.flatMap(
      (t) => statementsOf(t, { nextDay: 1, units: START_UNITS }, historyDays, perDay).statements,
    ),
  )
  const synced = await syncConnection(
    {
      connector: preparedConnector(() => items),
      store: store.ledgers,
      clock: clockAt(historyDays + 1),
      events: noEvents,
      logger: quietLogger,
    },
    syncRequestOf(TEMPLATE_CONNECTION, templates),
  )()
  if (synced._tag === 'Left') throw new Error(`template sync: ${JSON.stringify(synced.left)}`)
  if (process.argv.includes('--inspect')) {
    for (const table of [
      'movement',
      'statement',
      'entry',
      'entry_line',
      'decision',
      'ledger',
      'ledger_connection',
      'connection_cursor',
    ])
      console.log(
        table,
        JSON.stringify((await client.query(`select * from ${table} limit 2`)).rows).slice(0, 1500),
      )
  }
  const tpl = await client.query<{ id: string; a: number }>(
    `select l.id, k.i - 1 + $3::int as a from unnest($1::text[], $2::text[]) with ordinality as k (dc, ba, i)
       join ledger l on l.dossier_code = k.dc and l.bank_account_id = k.ba order by k.i`,
    [
      templates.map((t) => accountKey(t).dossierCode),
      templates.map((t) => accountKey(t).bankAccountId),
      scale.accounts,
    ],
  )
  const templateLedger = new Map(tpl.rows.map((r) => [Number(r.a), r.id]))
  // Every real account's ledger, at its template's version and sequence.
  const all = Array.from({ length: scale.accounts }, (_, a) => a)
  await client.query(
    `insert into ledger (dossier_code, bank_account_id, currency, version, next_seq)
     select k.dc, k.ba, t.currency, t.version, t.next_seq
       from unnest($1::text[], $2::text[], $3::int8[]) as k (dc, ba, tpl) join ledger t on t.id = k.tpl`,
    [
      all.map((a) => accountKey(a).dossierCode),
      all.map((a) => accountKey(a).bankAccountId),
      all.map((a) => templateLedger.get(templateOf(a, scale)) ?? null),
    ],
  )
  const ledgerOf = new Map(
    (
      await client.query<{ id: string; dossier_code: string; bank_account_id: string }>(
        `select id, dossier_code, bank_account_id from ledger`,
      )
    ).rows.map((r) => [`${r.dossier_code}|${r.bank_account_id}`, r.id]),
  )
  // The copies, a hundred ledgers per statement: (new ledger, template ledger, connection id).
  const chunk = 100
  const tables = [
    // A connection id inside a key: `c:<connection>:…`, `p:<connection>:…`, and the ids made from them.
    `insert into movement select m.l, replace(x.id, ':${TEMPLATE_CONNECTION}:', ':' || m.c || ':'), x.seq, x.provider_id, x.status, x.booking_date,
       x.value_date, x.amount, x.label, x.reference, x.counterparty_name, x.interbank_code, x.details, x.protocol, m.c,
       replace(x.statement_id, ':${TEMPLATE_CONNECTION}:', ':' || m.c || ':'), x.state, ${ENTRY_ID('x.entry_id')},
       x.replaced_pending_id, x.aliases, x.pending_claims
       from unnest($1::int8[], $2::int8[], $3::text[], $4::text[], $5::text[]) as m (l, t, c, dc, ba) join movement x on x.ledger_id = m.t`,
    `insert into statement select m.l, replace(x.id, ':${TEMPLATE_CONNECTION}:', ':' || m.c || ':'), x.seq, x.protocol, m.c, x.opening_date,
       x.closing_date, x.currency, x.body, replace(x.movement_ids::text, ':${TEMPLATE_CONNECTION}:', ':' || m.c || ':')::jsonb
       from unnest($1::int8[], $2::int8[], $3::text[], $4::text[], $5::text[]) as m (l, t, c, dc, ba) join statement x on x.ledger_id = m.t`,
    `insert into entry (ledger_id, id, journal_code, journal_label, date, piece_ref, piece_date, label, validated_on)
     select m.l, ${ENTRY_ID('x.id')}, x.journal_code, x.journal_label, x.date, x.piece_ref, x.piece_date, x.label, x.validated_on
       from unnest($1::int8[], $2::int8[], $3::text[], $4::text[], $5::text[]) as m (l, t, c, dc, ba) join entry x on x.ledger_id = m.t order by m.l, x.seq`,
    `insert into entry_line select m.l, ${ENTRY_ID('x.entry_id')}, x.line_no, x.account, x.auxiliary, x.label,
       x.debit, x.credit, replace(x.movement_id, ':${TEMPLATE_CONNECTION}:', ':' || m.c || ':'), replace(x.statement_id, ':${TEMPLATE_CONNECTION}:', ':' || m.c || ':')
       from unnest($1::int8[], $2::int8[], $3::text[], $4::text[], $5::text[]) as m (l, t, c, dc, ba) join entry_line x on x.ledger_id = m.t`,
    `insert into decision (ledger_id, connection_id, tag, body)
     select m.l, m.c, x.tag, x.body from unnest($1::int8[], $2::int8[], $3::text[], $4::text[], $5::text[]) as m (l, t, c, dc, ba) join decision x on x.ledger_id = m.t order by m.l, x.id`,
    `insert into ledger_connection select m.l, m.c from unnest($1::int8[], $2::int8[], $3::text[], $4::text[], $5::text[]) as m (l, t, c, dc, ba)`,
  ]
  for (let from = 0; from < scale.accounts; from += chunk) {
    const group = all.slice(from, from + chunk)
    const params = [
      group.map((a) => ledgerOf.get(`${accountKey(a).dossierCode}|${accountKey(a).bankAccountId}`) ?? null),
      group.map((a) => templateLedger.get(templateOf(a, scale)) ?? null),
      group.map((a) => connectionOf(a, scale)),
      group.map((a) => accountKey(a).dossierCode),
      group.map((a) => accountKey(a).bankAccountId),
    ]
    await client.transaction(async (tx) => {
      for (const sql of tables) await tx.query(sql, params)
    })
  }
  const connections = [...new Set(all.map((a) => connectionOf(a, scale)))]
  await client.query(
    `insert into connection_cursor (connection_id, value, version) select c, 'seeded', 1 from unnest($1::text[]) as c`,
    [connections],
  )
  await client.query('analyze')
  const counts = (
    await client.query<{ movements: string; entries: string; lines: string; statements: string }>(
      `select (select count(*) from movement)::text as movements, (select count(*) from entry)::text as entries,
              (select count(*) from entry_line)::text as lines, (select count(*) from statement)::text as statements`,
    )
  ).rows[0]
  const databaseBytes = await opened.databaseBytes()
  await opened.close()
  console.log(
    JSON.stringify({
      seeded: { ...counts, databaseBytes, seconds: Number(((performance.now() - t0) / 1000).toFixed(1)) },
      scale: argsOfScale(scale).join(' '),
    }),
  )
}

await main()

import * as A from 'fp-ts/lib/ReadonlyArray.js'
import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import * as TE from 'fp-ts/lib/TaskEither.js'
import { decodeDossier, encodeDossier } from '@bankfeed/core'
import { storeNotFound, storeUnavailable } from '@bankfeed/core/store'
import type { Dossier, DossierStore, StoreError } from '@bankfeed/core'
import type { Either } from 'fp-ts/lib/Either.js'
import type { SqlClient } from './sql-client.js'
import { sqlTask } from './sql-task.js'
import { isWellFormedText } from './unicode.js'

const readDocument = (code: string, document: unknown): Either<StoreError, Dossier> =>
  pipe(
    decodeDossier(document),
    E.mapLeft((error) =>
      storeUnavailable(
        'failed',
        `the stored dossier ${code} does not read as dossier JSON v1: ${error.issues.map((i) => i.message).join('; ')}`,
      ),
    ),
  )

/**
 * The {@link DossierStore} on SQL (table `dossier`): each dossier is its JSON v1 document
 * (`encodeDossier`) in a `jsonb` column, read back through `decodeDossier`; `list` gives them in the
 * order they were first saved. Each save also rewrites the dossier's rows of `bank_account_feed`
 * (its accounts' feed settings, for SQL queries and job runners) in the same transaction. A text PostgreSQL cannot hold (U+0000, a lone surrogate) makes the
 * save fail with a `StoreError` and leaves the stored dossier as it was; it is never altered.
 */
export const makeSqlDossierStore = (client: SqlClient): DossierStore => ({
  get: (code) =>
    // No dossier can have an ill-formed code (its document would not be valid JSON text for jsonb),
    // and the driver would send the code with U+FFFD in place of the surrogate.
    !isWellFormedText(code)
      ? TE.left(storeNotFound(`no dossier ${code}`))
      : pipe(
          sqlTask(`read dossier ${code}`, () =>
            client.query<{ document: unknown }>('SELECT document FROM dossier WHERE code = $1', [code]),
          ),
          TE.chainEitherK((result) => {
            const row = result.rows[0]
            return row === undefined
              ? E.left(storeNotFound(`no dossier ${code}`))
              : readDocument(code, row.document)
          }),
        ),
  list: () =>
    pipe(
      sqlTask('list the dossiers', () =>
        client.query<{ code: string; document: unknown }>('SELECT code, document FROM dossier ORDER BY seq'),
      ),
      TE.chainEitherK((result) =>
        A.traverse(E.Applicative)((r: { code: string; document: unknown }) =>
          readDocument(r.code, r.document),
        )(result.rows),
      ),
    ),
  save: (dossier) =>
    pipe(
      sqlTask(`save dossier ${dossier.code}`, () =>
        client.transaction(async (tx) => {
          await tx.query(
            `INSERT INTO dossier (code, document) VALUES ($1, $2::jsonb)
             ON CONFLICT (code) DO UPDATE
             SET document = excluded.document, version = dossier.version + 1, updated_at = now()`,
            [dossier.code, JSON.stringify(encodeDossier(dossier))],
          )
          // The feeds' projection follows the document in the same transaction: never one without the
          // other. A document naming one account id twice (the checklist flags it) keeps its first.
          await tx.query('DELETE FROM bank_account_feed WHERE dossier_code = $1', [dossier.code])
          const feeds = dossier.bankAccounts.flatMap((a) =>
            a.feed === null ? [] : [{ id: a.id, feed: a.feed }],
          )
          if (feeds.length > 0)
            await tx.query(
              `INSERT INTO bank_account_feed
               SELECT $1, * FROM unnest($2::text[], $3::text[], $4::date[], $5::boolean[], $6::text[], $7::boolean[])
               ON CONFLICT DO NOTHING`,
              [
                dossier.code,
                feeds.map((f) => f.id),
                feeds.map((f) => f.feed.protocol),
                feeds.map((f) => f.feed.startDate),
                feeds.map((f) => f.feed.startDateLocked),
                feeds.map((f) => f.feed.frequency),
                feeds.map((f) => f.feed.autoGenerateEntries),
              ],
            )
        }),
      ),
      TE.map(() => undefined),
    ),
})

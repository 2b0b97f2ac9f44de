import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import * as TE from 'fp-ts/lib/TaskEither.js'
import * as t from 'io-ts'
import type { Either } from 'fp-ts/lib/Either.js'
import { PathReporter } from 'io-ts/lib/PathReporter.js'
import {
  concurrentUpdate,
  LocalDateCodec,
  nullable,
  oneOf,
  REQUIRED_ACTIONS,
  storeUnavailable,
} from '@bankfeed/core/store'
import type {
  Attachment,
  ConnectionProblem,
  ConnectionState,
  ConnectionStateStore,
  StoreError,
} from '@bankfeed/core'
import type { SqlClient } from './sql-client.js'
import { sqlTask } from './sql-task.js'
import { isWellFormedText } from './unicode.js'

const ATTACHMENTS = ['notAttached', 'attached', 'detached'] as const satisfies ReadonlyArray<Attachment>
const PROBLEM_TAGS = [
  'AuthExpired',
  'ActionRequired',
  'ConsentExpired',
  'RateLimited',
  'Unavailable',
  'ConfigurationError',
] as const satisfies ReadonlyArray<ConnectionProblem['_tag']>

// A problem kind added to core must be added here too, or this stops compiling.
type Unlisted = Exclude<ConnectionProblem['_tag'], (typeof PROBLEM_TAGS)[number]>
const everyProblemListed: [Unlisted] extends [never] ? true : Unlisted = true
void everyProblemListed

// The problem as core builds it, optional members absent rather than null (`t.partial` keeps absent
// keys absent, `t.exact` drops strangers).
const ProblemCodec = t.exact(
  t.intersection([
    t.type({
      _tag: oneOf(PROBLEM_TAGS),
      since: LocalDateCodec,
      action: t.union([oneOf(REQUIRED_ACTIONS), t.null]),
      retryAfterSeconds: t.union([t.number, t.null]),
    }),
    t.partial({ setting: t.string, configurationVersion: t.union([t.string, t.null]) }),
  ]),
  'ConnectionProblem',
)

const RowCodec = t.type({
  attachment: oneOf(ATTACHMENTS),
  problem: t.union([ProblemCodec, t.null]),
  consent_expires_on: nullable(LocalDateCodec),
  reauth_emailed_on: nullable(LocalDateCodec),
  last_collected_on: nullable(LocalDateCodec),
  last_failed_on: nullable(LocalDateCodec),
  warned_for: nullable(LocalDateCodec),
  version: t.number,
})

/** A stored state and its version, as `load` answers. */
type StoredState = { readonly state: ConnectionState | null; readonly version: number }

const COLUMNS =
  'attachment, problem, consent_expires_on, reauth_emailed_on, last_collected_on, last_failed_on, warned_for'

const toState = (row: t.TypeOf<typeof RowCodec>): ConnectionState => ({
  status: {
    attachment: row.attachment,
    problem: row.problem as ConnectionProblem | null,
    consentExpiresOn: row.consent_expires_on,
  },
  reauth: { emailedOn: row.reauth_emailed_on },
  lastCollectedOn: row.last_collected_on,
  lastFailedOn: row.last_failed_on,
  warnedFor: row.warned_for,
})

const paramsOf = (state: ConnectionState): ReadonlyArray<string | null> => [
  state.status.attachment,
  state.status.problem === null ? null : JSON.stringify(state.status.problem),
  state.status.consentExpiresOn,
  state.reauth.emailedOn,
  state.lastCollectedOn,
  state.lastFailedOn,
  state.warnedFor,
]

const badKey = (connectionId: string): StoreError =>
  storeUnavailable(
    'failed',
    `connection id ${JSON.stringify(connectionId)} is not well-formed Unicode (a lone surrogate): it cannot be stored as given`,
  )

/**
 * The {@link ConnectionStateStore} on SQL (table `connection_state`): a save is one statement that
 * writes only if the stored version is still the one read (`UPDATE … WHERE version = $n`, or an
 * insert that does nothing when a row appeared), so two processes saving from the same version get
 * one success and one `ConcurrentUpdate`, and nothing is half-written.
 */
export const makeSqlConnectionStateStore = (client: SqlClient): ConnectionStateStore => ({
  load: (connectionId) =>
    // Nothing can be stored under an ill-formed id (see save): it was never seen.
    !isWellFormedText(connectionId)
      ? TE.right({ state: null, version: 0 })
      : pipe(
          sqlTask(`load the state of connection ${connectionId}`, () =>
            client.query(`SELECT ${COLUMNS}, version FROM connection_state WHERE connection_id = $1`, [
              connectionId,
            ]),
          ),
          TE.chainEitherK((result): Either<StoreError, StoredState> => {
            const row = result.rows[0]
            if (row === undefined) return E.right({ state: null, version: 0 })
            return pipe(
              RowCodec.decode(row),
              E.bimap(
                (errors) =>
                  storeUnavailable(
                    'failed',
                    `the stored state of connection ${connectionId} does not read: ${PathReporter.report(E.left(errors)).join('; ')}`,
                  ),
                (decoded) => ({ state: toState(decoded), version: decoded.version }),
              ),
            )
          }),
        ),
  save: (connectionId, state, expectedVersion) => {
    if (!isWellFormedText(connectionId)) return TE.left(badKey(connectionId))
    const moved = concurrentUpdate(
      `the state of connection ${connectionId} moved since version ${expectedVersion} was read`,
    )
    if (!Number.isInteger(expectedVersion) || expectedVersion < 0) return TE.left(moved)
    const values = [connectionId, ...paramsOf(state)]
    return pipe(
      sqlTask(`save the state of connection ${connectionId}`, () =>
        expectedVersion === 0
          ? client.query(
              `INSERT INTO connection_state (connection_id, ${COLUMNS}, version)
               VALUES ($1, $2, $3::jsonb, $4, $5, $6, $7, $8, 1)
               ON CONFLICT (connection_id) DO NOTHING`,
              values,
            )
          : client.query(
              `UPDATE connection_state
               SET attachment = $2, problem = $3::jsonb, consent_expires_on = $4, reauth_emailed_on = $5,
                   last_collected_on = $6, last_failed_on = $7, warned_for = $8,
                   version = version + 1, updated_at = now()
               WHERE connection_id = $1 AND version = $9`,
              [...values, expectedVersion],
            ),
      ),
      TE.chainEitherK((result) => (result.rowCount === 1 ? E.right(undefined) : E.left(moved))),
    )
  },
})

import * as E from 'fp-ts/lib/Either.js'
import { ConnectorError } from '@bankfeed/core/connector'

const PATTERN = /^[a-zA-Z0-9_-]{1,128}$/

/**
 * The Bridge `external_user_id` of a dossier: `<firm>-<dossier code>`, characters Bridge accepts
 * (`[a-zA-Z0-9-_]{1,128}`) kept, every other one replaced by `_`. Stable: the same dossier always
 * gets the same user.
 */
export const externalUserIdOf = (firm: string, dossierCode: string): string =>
  `${firm}-${dossierCode}`.replace(/[^a-zA-Z0-9_-]/g, '_').slice(0, 128)

/** Checks an external user id against Bridge's pattern. */
export const checkExternalUserId = (id: string): E.Either<ConnectorError, string> =>
  PATTERN.test(id)
    ? E.right(id)
    : E.left(
        ConnectorError.invalidData({
          message: `not a Bridge external user id (expected [a-zA-Z0-9-_]{1,128}): ${JSON.stringify(id.slice(0, 140))}`,
          where: 'external_user_id',
        }),
      )

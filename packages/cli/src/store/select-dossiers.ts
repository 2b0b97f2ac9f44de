import type { Dossier } from '@bankfeed/core'
import type { SqlStore } from '@bankfeed/store-postgres'
import { EXIT_DATA_ERROR } from '../exit-codes.js'
import { jsonText } from '../format/json.js'
import type { CliIo } from '../io.js'
import { storeFailure } from './database.js'

/**
 * The dossiers a command works on: the one `--dossier CODE` names, or every stored dossier. An
 * unknown code is reported (exit 1), never taken for "none".
 */
export const selectDossiers = async (
  io: CliIo,
  store: SqlStore,
  code: string | undefined,
  json: boolean,
): Promise<
  | { readonly ok: true; readonly dossiers: ReadonlyArray<Dossier> }
  | { readonly ok: false; readonly exit: number }
> => {
  if (code === undefined) {
    const all = await store.dossiers.list()()
    return all._tag === 'Left'
      ? { ok: false, exit: storeFailure(io, all.left, json) }
      : { ok: true, dossiers: all.right }
  }
  const one = await store.dossiers.get(code)()
  if (one._tag === 'Right') return { ok: true, dossiers: [one.right] }
  if (one.left._tag !== 'NotFound') return { ok: false, exit: storeFailure(io, one.left, json) }
  const message = `no dossier ${code} in the database (bankfeed dossier import FILE adds it)`
  if (json) io.stdout(jsonText({ error: { code: 'DOSSIER_NOT_FOUND', message } }))
  else io.stderr(`bankfeed: ${message}\n`)
  return { ok: false, exit: EXIT_DATA_ERROR }
}

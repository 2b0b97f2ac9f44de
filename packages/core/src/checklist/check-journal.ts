import { raw } from './context.js'
import type { Check, RawFinding } from './context.js'
import { linkedGlAccounts } from './check-gl-account.js'

/**
 * The bank journal: a journal whose counterpart is the 512 account, of type bank, with its counterpart
 * in the footer (pied de page). Without a linked GL account there is nothing to look for: that
 * finding is the GL check's.
 */
export const checkJournal: Check = (ctx) => {
  const gl = linkedGlAccounts(ctx.dossier, ctx.account.id)[0]?.gl
  if (gl === undefined) return []
  const candidates = ctx.dossier.journals.flatMap((journal, index) =>
    journal.counterpartAccount === gl.number ? [{ journal, index }] : [],
  )
  if (candidates.length === 0) return [raw('JOURNAL_MISSING', 'journals', { glAccount: gl.number })]
  const out: RawFinding[] = []
  if (candidates.length > 1)
    out.push(
      raw('JOURNAL_DUPLICATED', `journals[${candidates[1]?.index ?? 0}].counterpartAccount`, {
        glAccount: gl.number,
        journals: candidates.map((c) => c.journal.code),
      }),
    )
  // Judge the best candidate: a bank journal in footer mode if there is one, else the first bank one.
  const best =
    candidates.find((c) => c.journal.type === 'bank' && c.journal.counterpartMode === 'footer') ??
    candidates.find((c) => c.journal.type === 'bank') ??
    candidates[0]
  if (best === undefined) return out
  const path = `journals[${best.index}]`
  if (best.journal.type !== 'bank')
    out.push(
      raw('JOURNAL_TYPE_NOT_BANK', `${path}.type`, { journal: best.journal.code, type: best.journal.type }),
    )
  if (best.journal.counterpartMode !== 'footer')
    out.push(
      raw('JOURNAL_COUNTERPART_NOT_FOOTER', `${path}.counterpartMode`, {
        journal: best.journal.code,
        mode: best.journal.counterpartMode,
      }),
    )
  return out
}

import { parseCounterpartRulesJson } from '@bankfeed/core'
import type { CounterpartRulesFile } from '@bankfeed/core'
import { EXIT_DATA_ERROR } from '../exit-codes.js'
import { jsonText } from '../format/json.js'
import { readAllBytes } from '../io.js'
import type { CliIo } from '../io.js'
import { fileError } from '../report.js'

/** No rules file: every movement goes to the dossier's waiting account. */
const NO_RULES: CounterpartRulesFile = {
  rulesOf: () => [],
  accountLabels: new Map(),
  auxiliaryLabels: new Map(),
}

/**
 * Reads `--rules FILE` (a counterpart rules file, version 1). Answers the rules, or the exit code
 * after reporting every failing path of the file.
 */
export const readRulesFile = async (
  io: CliIo,
  path: string | undefined,
  json: boolean,
): Promise<
  { readonly ok: true; readonly rules: CounterpartRulesFile } | { readonly ok: false; readonly exit: number }
> => {
  if (path === undefined) return { ok: true, rules: NO_RULES }
  const opened = await io.openFile(path)
  if (!opened.ok) return { ok: false, exit: fileError(io, opened.error, json) }
  const read = await readAllBytes(opened.file)
  if (!read.ok) return { ok: false, exit: fileError(io, read.error, json) }
  const decoded = parseCounterpartRulesJson(new TextDecoder('utf-8').decode(read.bytes))
  if (decoded._tag === 'Right') return { ok: true, rules: decoded.right }
  if (json)
    io.stdout(
      jsonText({
        error: {
          code: 'RULES_INVALID',
          message: `${path} is not a valid counterpart rules file (version 1)`,
          path,
          issues: decoded.left.map((i) => ({ path: i.path, message: i.message })),
        },
      }),
    )
  else
    io.stderr(
      `bankfeed: ${path} is not a valid counterpart rules file (version 1):\n${decoded.left.map((i) => `  - ${i.message}\n`).join('')}`,
    )
  return { ok: false, exit: EXIT_DATA_ERROR }
}

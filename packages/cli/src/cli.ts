import { runCfonbImport } from './commands/cfonb-import.js'
import { runCfonbParse } from './commands/cfonb-parse.js'
import { runDossierCheck } from './commands/dossier-check.js'
import { runDossierImport } from './commands/dossier-import.js'
import { runEntriesGenerate } from './commands/entries-generate.js'
import { runFecExport } from './commands/fec-export.js'
import { runReport } from './commands/report.js'
import { EXIT_DATA_ERROR, EXIT_OK } from './exit-codes.js'
import type { CliIo } from './io.js'
import { usageError } from './report.js'
import { CFONB_USAGE, DOSSIER_USAGE, ENTRIES_USAGE, FEC_USAGE, MAIN_USAGE } from './usage.js'

type Command = (args: readonly string[], io: CliIo) => Promise<number>

/** Command groups, their usage, and their subcommands. */
const GROUPS: ReadonlyMap<
  string,
  { readonly usage: string; readonly commands: ReadonlyMap<string, Command> }
> = new Map([
  [
    'cfonb',
    {
      usage: CFONB_USAGE,
      commands: new Map([
        ['parse', runCfonbParse],
        ['import', runCfonbImport],
      ]),
    },
  ],
  [
    'dossier',
    {
      usage: DOSSIER_USAGE,
      commands: new Map([
        ['check', runDossierCheck],
        ['import', runDossierImport],
      ]),
    },
  ],
  ['entries', { usage: ENTRIES_USAGE, commands: new Map([['generate', runEntriesGenerate]]) }],
  ['fec', { usage: FEC_USAGE, commands: new Map([['export', runFecExport]]) }],
])

/** Commands without a subcommand. */
const SINGLE: ReadonlyMap<string, Command> = new Map([['report', runReport]])

const isHelp = (arg: string | undefined): boolean => arg === '--help' || arg === '-h' || arg === 'help'

const dispatch = async (argv: readonly string[], io: CliIo): Promise<number> => {
  const [groupName, commandName, ...rest] = argv
  if (groupName === undefined) return usageError(io, 'missing command', MAIN_USAGE)
  if (isHelp(groupName)) {
    io.stdout(MAIN_USAGE)
    return EXIT_OK
  }
  const single = SINGLE.get(groupName)
  if (single !== undefined) return single(argv.slice(1), io)
  const group = GROUPS.get(groupName)
  if (group === undefined) return usageError(io, `unknown command '${groupName}'`, MAIN_USAGE)
  if (isHelp(commandName)) {
    io.stdout(group.usage)
    return EXIT_OK
  }
  if (commandName === undefined) return usageError(io, `${groupName}: missing subcommand`, group.usage)
  const command = group.commands.get(commandName)
  if (command === undefined)
    return usageError(io, `${groupName}: unknown subcommand '${commandName}'`, group.usage)
  return command(rest, io)
}

/**
 * Runs the `bankfeed` command line (`argv` without the node and script paths) against `io` and
 * resolves to the exit code: 0 ok, 1 data error, 2 usage error. Never rejects: an unexpected
 * exception (a bug, not a user error) is reported in one line on stderr with exit code 1.
 */
export const runCli = async (argv: readonly string[], io: CliIo): Promise<number> => {
  try {
    return await dispatch(argv, io)
  } catch (cause) {
    const message = cause instanceof Error ? cause.message : String(cause)
    io.stderr(`bankfeed: unexpected error: ${message}\n(this is a bug in bankfeed; please report it)\n`)
    return EXIT_DATA_ERROR
  }
}

import { runCfonbParse } from './commands/cfonb-parse.js'
import { runDossierCheck } from './commands/dossier-check.js'
import { EXIT_DATA_ERROR, EXIT_OK } from './exit-codes.js'
import type { CliIo } from './io.js'
import { usageError } from './report.js'
import { CFONB_USAGE, DOSSIER_USAGE, MAIN_USAGE } from './usage.js'

type Command = (args: readonly string[], io: CliIo) => Promise<number>

/** Command groups, their usage, and their subcommands. */
const GROUPS: ReadonlyMap<
  string,
  { readonly usage: string; readonly commands: ReadonlyMap<string, Command> }
> = new Map([
  ['cfonb', { usage: CFONB_USAGE, commands: new Map([['parse', runCfonbParse]]) }],
  ['dossier', { usage: DOSSIER_USAGE, commands: new Map([['check', runDossierCheck]]) }],
])

const isHelp = (arg: string | undefined): boolean => arg === '--help' || arg === '-h' || arg === 'help'

const dispatch = async (argv: readonly string[], io: CliIo): Promise<number> => {
  const [groupName, commandName, ...rest] = argv
  if (groupName === undefined) return usageError(io, 'missing command', MAIN_USAGE)
  if (isHelp(groupName)) {
    io.stdout(MAIN_USAGE)
    return EXIT_OK
  }
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

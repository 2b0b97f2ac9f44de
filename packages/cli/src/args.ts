/// <reference types="node" />
import { parseArgs } from 'node:util'

/** How one option is spelled: `--name` (and `-x` when `short` is given), a flag or a value. */
export interface OptionSpec {
  readonly type: 'boolean' | 'string'
  readonly short?: string
}

/** Parsed command line of one command: flags are booleans, values strings. */
export interface ParsedArgs {
  readonly values: Readonly<Record<string, string | boolean | undefined>>
  readonly positionals: readonly string[]
}

/** Outcome of parsing: a value, never a throw. */
export type ArgsResult =
  ({ readonly ok: true } & ParsedArgs) | { readonly ok: false; readonly message: string }

/** First sentence of a `parseArgs` error, without Node's long hint about `--`. */
const shorten = (message: string): string => {
  const end = message.indexOf('. ')
  const sentence = end >= 0 ? message.slice(0, end) : message.replace(/\.$/, '')
  return sentence.charAt(0).toLowerCase() + sentence.slice(1)
}

/**
 * Parses a command's arguments with `node:util` `parseArgs` in strict mode: unknown options,
 * missing values and values given to flags are reported as a message.
 */
export const parseCommandArgs = (
  args: readonly string[],
  options: Readonly<Record<string, OptionSpec>>,
): ArgsResult => {
  const config: Record<string, { type: 'boolean' | 'string'; short?: string }> = {}
  for (const [name, spec] of Object.entries(options)) {
    config[name] = spec.short === undefined ? { type: spec.type } : { type: spec.type, short: spec.short }
  }
  try {
    const { values, positionals } = parseArgs({
      args: [...args],
      options: config,
      allowPositionals: true,
      strict: true,
    })
    return { ok: true, values: values as ParsedArgs['values'], positionals }
  } catch (cause) {
    return { ok: false, message: shorten(cause instanceof Error ? cause.message : String(cause)) }
  }
}

/** A flag's value (absent = false). */
export const flag = (args: ParsedArgs, name: string): boolean => args.values[name] === true

/** A string option's value, or `undefined` when absent. */
export const stringOption = (args: ParsedArgs, name: string): string | undefined => {
  const value = args.values[name]
  return typeof value === 'string' ? value : undefined
}

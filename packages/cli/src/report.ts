import { EXIT_DATA_ERROR, EXIT_USAGE } from './exit-codes.js'
import type { CliIo, FileError } from './io.js'
import { jsonText } from './format/json.js'

/** Reports a command-line mistake: the reason, then the command's usage, on stderr; exit 2. */
export const usageError = (io: CliIo, message: string, usage: string): number => {
  io.stderr(`bankfeed: ${message}\n\n${usage}`)
  return EXIT_USAGE
}

/**
 * Reports a file that cannot be read; exit 1. With `--json` the error is the command's result, on
 * stdout: `{"error":{"code":"FILE_NOT_FOUND","message":"…","path":"…"}}`; otherwise one line on stderr.
 */
export const fileError = (io: CliIo, error: FileError, json: boolean): number => {
  if (json) io.stdout(jsonText({ error: { code: error.code, message: error.message, path: error.path } }))
  else io.stderr(`bankfeed: ${error.message}\n`)
  return EXIT_DATA_ERROR
}

// Public API of @bankfeed/cli: the `bankfeed` command as testable functions.

export { runCli } from './cli.js'
export { EXIT_DATA_ERROR, EXIT_OK, EXIT_USAGE } from './exit-codes.js'
export type { ExitCode } from './exit-codes.js'
export type { CliFile, CliIo, FileError, OpenFileResult, WriteFileResult } from './io.js'
export { readAllBytes, toFileError, toWriteError } from './io.js'
export { createNodeIo, openNodeFile, writeNodeFile } from './node-io.js'
export type { NodeProcessLike } from './node-io.js'
export { PROGRESS_INTERVAL_MS, PROGRESS_THRESHOLD_BYTES } from './progress.js'

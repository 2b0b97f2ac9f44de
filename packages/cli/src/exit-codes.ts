/** The command succeeded: the file has no error, the dossier is ready. */
export const EXIT_OK = 0

/**
 * The data is at fault: a file that cannot be read, a CFONB file with an error (strict or lenient),
 * a dossier that does not decode or has a blocking finding.
 */
export const EXIT_DATA_ERROR = 1

/** The command line is at fault: unknown command or option, missing or extra argument, bad value. */
export const EXIT_USAGE = 2

/** One of the exit codes above. */
export type ExitCode = typeof EXIT_OK | typeof EXIT_DATA_ERROR | typeof EXIT_USAGE

/** `bankfeed --help`. */
export const MAIN_USAGE = `bankfeed — parse CFONB 120 bank statement files and check dossiers

Usage:
  bankfeed cfonb parse FILE [--json] [--lenient] [--encoding auto|utf8|latin1] [--summary]
                       [--max-diagnostics N]
  bankfeed dossier check FILE [--today YYYY-MM-DD] [--en] [--json]
  bankfeed COMMAND SUBCOMMAND --help     help on one command
  bankfeed --help                        this text

Exit codes: 0 ok, 1 data error (unreadable file, CFONB error, invalid or not ready dossier), 2 usage error.
`

/** `bankfeed cfonb --help`. */
export const CFONB_USAGE = `Usage: bankfeed cfonb parse FILE [options]

Commands:
  parse    read a CFONB 120 statement file (relevé 120 caractères) and print it
`

/** `bankfeed dossier --help`. */
export const DOSSIER_USAGE = `Usage: bankfeed dossier check FILE [options]

Commands:
  check    check a dossier (dossier JSON v1) before its bank feeds start
`

/** `bankfeed cfonb parse --help`. */
export const CFONB_PARSE_USAGE = `Usage: bankfeed cfonb parse FILE [options]

Reads a CFONB 120 statement file and prints its statements, movements and diagnostics.

Options:
  --json             print the canonical JSON document (2-space indent) instead of a table;
                     on a strict error, print {"error":{"line","code","message"}} instead
  --lenient          report every error and carry on (default: strict, stop at the first error)
  --encoding ENC     auto (default: UTF-8, then Windows-1252 from the first invalid byte),
                     utf8, or latin1 (read as Windows-1252)
  --summary          print only the counts of statements, movements and details (streamed)
  --max-diagnostics N
                     keep and print at most the first N diagnostics (default 1000; 0 for none);
                     the others are counted by code and severity: in the table, a last line
                     "… and M more: CODE n, …"; with --json, a "diagnosticCounts" member
  -h, --help         show this help

Exit codes: 0 the file has no error (warnings allowed); 1 it has an error (also with --lenient)
or cannot be read; 2 usage error.
`

/** `bankfeed dossier check --help`. */
export const DOSSIER_CHECK_USAGE = `Usage: bankfeed dossier check FILE [options]

Decodes a dossier (dossier JSON v1) and checks every bank account's feed prerequisites
(RIB, IBAN, BIC, 512 account, bank journal, fiscal years, feed settings, contact).

Options:
  --today YYYY-MM-DD  the day to check on (default: today in Paris, from the system clock)
  --en                print in English (default: French)
  --json              print {"ok","bankAccounts":[{"bankAccountId","ok","findings"}]}
  -h, --help          show this help

Exit codes: 0 every bank account is ready (warnings allowed); 1 a blocking finding, no bank
account, or the file is unreadable or not a valid dossier; 2 usage error.
`

/** Shared `-h, --help` option of every command. */
export const HELP_OPTION = { help: { type: 'boolean', short: 'h' } } as const

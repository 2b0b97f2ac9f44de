import { DATABASE_USAGE } from './store/database.js'

/** `bankfeed --help`. */
export const MAIN_USAGE = `bankfeed — French bank feeds: CFONB 120 statements into dossiers, reconciled, booked, as a FEC

Usage:
  bankfeed cfonb parse FILE [--json] [--lenient] [--encoding auto|utf8|latin1] [--summary]
                       [--max-diagnostics N]
  bankfeed dossier check FILE [--today YYYY-MM-DD] [--en] [--json]

  The main job, on a database (default: the embedded one in ./bankfeed-data):
  bankfeed dossier import FILE…                 add or update dossiers (dossier JSON v1)
  bankfeed cfonb import FILE… | --inbox DIR     import statements: reconcile, book, commit
  bankfeed entries generate [--dossier CODE]    book the movements that have no entry yet
  bankfeed fec export --dossier CODE --from YYYY-MM-DD --to YYYY-MM-DD [--out PATH]
  bankfeed report [--dossier CODE]              the error report, and what waits unmatched

  bankfeed COMMAND [SUBCOMMAND] --help   help on one command
  bankfeed --help                        this text

Every command takes --json (a JSON result on stdout). Database options: --data-dir DIR,
--database-url postgres://…, --schema NAME.

Exit codes: 0 ok, 1 data error (unreadable file, CFONB error, invalid or not ready dossier, database
error, an error in the report), 2 usage error.
`

/** `bankfeed cfonb --help`. */
export const CFONB_USAGE = `Usage: bankfeed cfonb parse|import … [options]

Commands:
  parse    read a CFONB 120 statement file (relevé 120 caractères) and print it
  import   import CFONB 120 statement files into the database's dossiers
`

/** `bankfeed dossier --help`. */
export const DOSSIER_USAGE = `Usage: bankfeed dossier check|import FILE [options]

Commands:
  check    check a dossier (dossier JSON v1) before its bank feeds start
  import   add dossiers to the database, or update them
`

/** `bankfeed entries --help`. */
export const ENTRIES_USAGE = `Usage: bankfeed entries generate [options]

Commands:
  generate   generate the bank-journal entries of movements that have none yet
`

/** `bankfeed fec --help`. */
export const FEC_USAGE = `Usage: bankfeed fec export --dossier CODE --from YYYY-MM-DD --to YYYY-MM-DD [options]

Commands:
  export   write a dossier's entries of a period as a FEC file, checked
`

/** `bankfeed dossier import --help`. */
export const DOSSIER_IMPORT_USAGE = `Usage: bankfeed dossier import FILE… [options]

Adds each dossier (dossier JSON v1) to the database, or replaces the stored dossier with the same
code. Every file is decoded first: one invalid file and nothing is saved. Importing the same file
again changes nothing. Statements that waited in the unmatched queue for an account a dossier
brings are then booked (reconciled, entries generated), each exactly once.

Options:
  --rules FILE         counterpart rules file (version 1) for the entries of released statements
  --today YYYY-MM-DD   the day (default: today in Paris)
  --verbose            log what the engine does on stderr
  --en                 print in English (default: French)
  --json               print {"dossiers":[{"code","name","outcome":"added|updated|unchanged"}]}
  -h, --help           show this help
${DATABASE_USAGE}
Exit codes: 0 imported; 1 a file is unreadable or not a valid dossier, or the database failed;
2 usage error.
`

/** `bankfeed cfonb import --help`. */
export const CFONB_IMPORT_USAGE = `Usage: bankfeed cfonb import FILE… [options]
       bankfeed cfonb import --inbox DIR [options]

Reads CFONB 120 statement files, routes each statement to the dossier bank account of its RIB,
reconciles it with what the ledger already holds (each movement once, however many times a file
is imported), books the entries of accounts whose feed generates them automatically, and commits
it all in one transaction. Statements of accounts no dossier knows wait in the unmatched queue
and are booked once a dossier gains the account.

Options:
  --inbox DIR          read every new file of an inbox folder; read files move to DIR/processed/,
                       refused ones to DIR/rejected/ with a .error.json beside them
  --rules FILE         counterpart rules file (version 1); default: the dossier's waiting account
  --connection ID      the connection the files come through (default cfonb)
  --lenient            keep a file's readable statements despite errors (default: refuse the file)
  --encoding ENC       auto (default), utf8 or latin1 (Windows-1252)
  --today YYYY-MM-DD   the day of the import (default: today in Paris)
  --en                 print in English (default: French)
  --json               print the import's outcome as JSON
  --verbose            log what the engine does on stderr
  -h, --help           show this help
${DATABASE_USAGE}
Exit codes: 0 every file was imported; 1 a file was refused (the others were imported), or nothing
was committed (database error); 2 usage error.
`

/** `bankfeed entries generate --help`. */
export const ENTRIES_GENERATE_USAGE = `Usage: bankfeed entries generate [options]

Generates the bank-journal entries of the movements that have none yet (accounts whose feed does
not book automatically, movements refused before), one commit per bank account. A movement never
gets two entries: running it again generates nothing new.

Options:
  --dossier CODE       only this dossier (default: every dossier)
  --account ID         only this bank account of the dossier
  --rules FILE         counterpart rules file (version 1); default: the dossier's waiting account
  --today YYYY-MM-DD   the day (default: today in Paris)
  --en                 print in English (default: French)
  --json               print {"accounts":[{"dossierCode","bankAccountId","generated","refused","error"}]}
  --verbose            log what the engine does on stderr
  -h, --help           show this help
${DATABASE_USAGE}
Exit codes: 0 done; 1 an account could not be booked (no 512 account or bank journal), or the
database failed; 2 usage error.
`

/** `bankfeed fec export --help`. */
export const FEC_EXPORT_USAGE = `Usage: bankfeed fec export --dossier CODE --from YYYY-MM-DD --to YYYY-MM-DD [options]

Writes the dossier's entries dated in the period as a FEC (fichier des écritures comptables),
checks it, and writes it only if the check passes, whole, under its legal name
<SIREN>FEC<AAAAMMJJ>.txt in the current folder (or at --out). The same data give the same bytes.

Options:
  --out PATH           the file to write, or a folder to write it in
  --rules FILE         the rules file whose accountLabels name accounts the dossier's chart lacks
  --preview            leave ValidDate empty (a preview, not an official FEC); by default the
                       entries are exported validated on --today (bankfeed does not yet record
                       validations: the export day is their validation day)
  --today YYYY-MM-DD   the validation day (default: today in Paris)
  --json               print {"file","fileName","entries","lines","preview","checked"}
  -h, --help           show this help
${DATABASE_USAGE}
Exit codes: 0 written; 1 no entry in the period, an invalid SIREN, an account without label, the
file cannot be written, or the database failed; 2 usage error.
`

/** `bankfeed report --help`. */
export const REPORT_USAGE = `Usage: bankfeed report [options]

Prints the error report ("relevés en erreur") of every dossier from what the database holds —
balance differences and missing statements, proven against each statement's balances — and the
unmatched queue: statements of accounts no dossier knows, waiting to be booked.

Options:
  --dossier CODE       only this dossier (the unmatched queue is then left out)
  --today YYYY-MM-DD   the day of the report (default: today in Paris)
  --en                 print in English (default: French)
  --json               print {"today","ok","dossiers":[…],"unmatched":[…]}
  -h, --help           show this help
${DATABASE_USAGE}
Exit codes: 0 nothing is an error; 1 the report holds an error or something waits unmatched, or
the database failed; 2 usage error.
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

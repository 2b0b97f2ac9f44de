/** A third-party bankfeed connector for "ACME CSV" statements, written against the public API only. */
export { makeCsvConnector, CSV_CAPABILITIES } from './csv-connector.js'
export type { CsvConnectorOptions, CsvFile, CsvInbox } from './csv-connector.js'
export { parseCsvStatement } from './csv-statement.js'
export type { CsvError, CsvStatement } from './csv-statement.js'

/** The groups of the connector contract; each can be run on its own. */
export type ContractGroup =
  | 'items'
  | 'amounts'
  | 'dates'
  | 'repull'
  | 'cursors'
  | 'paging'
  | 'instances'
  | 'notices'
  | 'acknowledge'
  | 'errors'
  | 'secrets'
  | 'capabilities'

/** Every group, in the order the contract runs them. */
export const CONTRACT_GROUPS: ReadonlyArray<ContractGroup> = [
  'items',
  'amounts',
  'dates',
  'repull',
  'cursors',
  'paging',
  'instances',
  'notices',
  'acknowledge',
  'errors',
  'secrets',
  'capabilities',
]

/** Machine-readable reasons a connector breaks the contract. */
export type ContractViolationCode =
  // The pull itself
  | 'PULL_FAILED'
  | 'PULL_THREW'
  | 'BATCH_MALFORMED'
  // Items and accounts
  | 'ITEM_MALFORMED'
  | 'FIELD_MALFORMED'
  | 'PROVIDER_ID_BLANK'
  | 'ACCOUNT_MALFORMED'
  | 'ACCOUNT_UNIDENTIFIED'
  | 'ACCOUNT_IBAN_INVALID'
  | 'ACCOUNT_CURRENCY_INVALID'
  | 'DUPLICATE_PROVIDER_ID'
  // Amounts
  | 'MONEY_MALFORMED'
  | 'AMOUNT_NOT_DECIMAL'
  | 'AMOUNT_NOT_FINITE'
  | 'AMOUNT_TOO_PRECISE'
  | 'CURRENCY_INVALID'
  | 'CURRENCY_MISMATCH'
  | 'WRONG_ACCOUNT_CURRENCY'
  | 'STATEMENT_UNBALANCED'
  | 'AMOUNTS_DIFFER'
  // Dates
  | 'DATE_INVALID'
  | 'STATEMENT_DATES_REVERSED'
  | 'BOOKED_BEFORE_SINCE'
  // Re-pulls, cursors, paging
  | 'ITEM_LOST_ON_REPULL'
  | 'NEW_ITEM_ON_REPULL'
  | 'CURSOR_MALFORMED'
  | 'CURSOR_BACKWARDS'
  | 'CURSOR_REVISITED'
  | 'NEVER_SETTLES'
  | 'ITEM_COUNT_DIFFERS'
  // Fresh instances from a stored cursor
  | 'LOST_BY_FRESH_INSTANCE'
  | 'REDELIVERED_BY_FRESH_INSTANCE'
  | 'IDS_DIFFER_ACROSS_INSTANCES'
  // Batches: notices and consent
  | 'NOTICE_MALFORMED'
  | 'CONSENT_DATE_INVALID'
  // Acknowledgement
  | 'ACKNOWLEDGE_FAILED'
  | 'ACKNOWLEDGE_THREW'
  | 'ACKNOWLEDGE_MALFORMED'
  // Typed errors and secrets
  | 'ERROR_NOT_RETURNED'
  | 'ERROR_WRONG_TAG'
  | 'ERROR_MALFORMED'
  | 'SECRET_IN_ERROR'
  | 'SECRET_IN_LOG'
  | 'SECRET_IN_CURSOR'
  | 'SECRET_IN_NOTICE'
  // Capabilities
  | 'CAPABILITIES_MALFORMED'
  | 'PROTOCOL_MISSING'
  | 'UNDECLARED_STATEMENTS'
  | 'UNDECLARED_BALANCES'
  | 'UNDECLARED_PENDING'
  | 'UNDECLARED_DELETIONS'
  | 'MISSING_PROVIDER_ID'
  | 'UNSTABLE_PROVIDER_IDS'

/** One way a connector breaks the contract, as data a test can assert on. */
export interface ContractViolation {
  readonly group: ContractGroup
  readonly code: ContractViolationCode
  /** Where it was seen: `pull 1, item 3 (Movement).movement.amount`. */
  readonly where: string
  /** What is wrong and what the contract expects, for a person. */
  readonly message: string
}

/** Makes a violation. */
export const violation = (
  group: ContractGroup,
  code: ContractViolationCode,
  where: string,
  message: string,
): ContractViolation => ({ group, code, where, message })

/** A change downstream apps (a mobile app, a firm portal) want to hear about. */
export interface DomainEvent {
  /** e.g. `movements.ingested`, `entries.generated`, `connection.reauthenticationRequired`. */
  readonly type: string
  readonly dossierCode: string
  readonly bankAccountId: string | null
  /** ISO-8601 UTC instant. */
  readonly occurredAt: string
  readonly data: Readonly<Record<string, unknown>>
}

/** Why events could not be published. */
export interface PublishError {
  readonly _tag: 'PublishError'
  readonly message: string
}

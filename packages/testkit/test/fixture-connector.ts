import { localDate, makeMoney } from '@bankfeed/core'
import type {
  AccountRef,
  BankConnector,
  ConnectorCapabilities,
  ConnectorError,
  Cursor,
  FeedBatch,
  FeedItem,
  Logger,
  Money,
  Movement,
  PullRequest,
} from '@bankfeed/core'

/** The account of the fixture API. */
export const ACCOUNT: AccountRef = {
  iban: 'FR7630004008280001051234543',
  bankCode: '30004',
  branchCode: '00828',
  accountNumber: '00010512345',
  currency: 'EUR',
  providerAccountId: 'acc-1',
  name: 'Compte courant',
}

/** The token the fixture API authenticates with: it must never leak. */
export const TOKEN = 'sk_live_9f8e7d6c5b4a'

/** Euros from a decimal string; a bad fixture is a bug in the test, so it throws. */
export const eur = (amount: string): Money => {
  const m = makeMoney(amount, 'EUR')
  if (m._tag === 'Left') throw new Error(`bad fixture amount ${amount}`)
  return m.right
}

/** A booked movement with a provider id and nothing optional. */
export const movement = (id: string, date: string, amount: string, label: string): Movement => ({
  providerId: id,
  status: 'booked',
  bookingDate: localDate(date),
  valueDate: null,
  amount: eur(amount),
  label,
  reference: null,
  counterpartyName: null,
  interbankCode: null,
  details: [],
})

/** Five movements, two of them identical twins (same day, amount and label, distinct ids). */
export const FIXTURE: ReadonlyArray<FeedItem> = [
  movement('t1', '2026-01-02', '-30.00', 'PRLV SEPA EDF'),
  movement('t2', '2026-01-02', '1500.00', 'VIR SEPA CLIENT MARTIN'),
  movement('t3', '2026-01-03', '-4.50', 'CB BOULANGERIE'),
  movement('t4', '2026-01-03', '-4.50', 'CB BOULANGERIE'),
  movement('t5', '2026-01-05', '-12.00', 'FRAIS TENUE DE COMPTE'),
].map((m) => ({ _tag: 'Movement', account: ACCOUNT, movement: m }))

/** The signed amounts of {@link FIXTURE}. */
export const FIXTURE_AMOUNTS = ['-30.00', '1500.00', '-4.50', '-4.50', '-12.00']

/** What the fixture API declares. */
export const CAPABILITIES: ConnectorCapabilities = {
  statements: false,
  balances: false,
  pending: false,
  stableIds: true,
  deletions: false,
  historyDays: 90,
  push: false,
}

/** The first pull of a sync. */
export const REQUEST: PullRequest = {
  connection: { id: 'conn-1', protocol: 'fixture-api' },
  accounts: [ACCOUNT],
  since: localDate('2026-01-01'),
  cursor: null,
}

/** How a fixture connector misbehaves, for the "a broken connector fails the contract" tests. */
export interface Breakage {
  /** Items to serve instead of {@link FIXTURE}. */
  readonly items?: ReadonlyArray<FeedItem>
  /** Forgets nothing by cursor: remembers what it served and never serves it twice. */
  readonly loseOnRepull?: boolean
  /** When nothing is left, answers a cursor one page back. */
  readonly cursorBackwards?: boolean
  /** Cursors are opaque (`p<n>`) rather than integers. */
  readonly opaqueCursors?: boolean
  /** Skips the first item of every page after the first. */
  readonly dropAtPageBoundary?: boolean
  /** Gives fresh ids to the same movements at every pull. */
  readonly unstableIds?: boolean
  /** Fails every pull with this error. */
  readonly fail?: ConnectorError
  /** Throws instead of returning a typed error. */
  readonly throws?: boolean
  /** Logs the token at every pull. */
  readonly logToken?: boolean
  readonly capabilities?: Partial<ConnectorCapabilities>
  /**
   * Keeps its positions in the connector object: cursors are page tokens it maps to offsets, so a new
   * instance does not know them and starts again from the first page.
   */
  readonly stateInInstance?: boolean
  /** Keeps its position in a field of the cursor object beside a constant `value`. */
  readonly stateOnCursor?: boolean
  /** Numbers ids per connector instance (`t1@3`): stable within one instance, not across. */
  readonly idsPerInstance?: boolean
  /** Every batch says this consent end. */
  readonly consentExpiresOn?: unknown
  /** Every batch carries these notices. */
  readonly notices?: ReadonlyArray<unknown>
  /** Has an `acknowledge` that succeeds, fails with a `Left`, throws, or rejects its promise. */
  readonly acknowledge?: 'ok' | 'left' | 'throws' | 'rejects'
}

// Connectors made so far, for ids that differ from one instance to the next.
let instances = 0

/**
 * A paged API connector over an in-memory fixture: the cursor is the index of the next item, pages
 * hold `pageSize` items. Well-behaved by default; {@link Breakage} makes it misbehave in one way.
 */
export const makeFixtureConnector = (
  env: { readonly logger: Logger },
  pageSize = 2,
  breakage: Breakage = {},
): BankConnector => {
  const items = breakage.items ?? FIXTURE
  const served = new Set<number>()
  let pulls = 0
  const tokens = new Map<string, number>()
  const instance = ++instances
  const encode = (n: number): string => (breakage.opaqueCursors === true ? `p${n}` : String(n))
  const decode = (v: string): number => Number(v.replace(/^p/, ''))
  const pull = (request: PullRequest): FeedBatch => {
    pulls++
    if (breakage.logToken === true) env.logger.info('pulling', { authorization: `Bearer ${TOKEN}` })
    else env.logger.debug('pulling', { connection: request.connection.id })
    const onCursor = (request.cursor as { offset?: unknown } | null)?.offset
    const from =
      breakage.stateInInstance === true
        ? request.cursor === null
          ? 0
          : (tokens.get(request.cursor.value) ?? 0)
        : breakage.stateOnCursor === true
          ? typeof onCursor === 'number'
            ? onCursor
            : 0
          : request.cursor === null
            ? 0
            : decode(request.cursor.value)
    const to = Math.min(items.length, from + pageSize)
    let page = items.slice(from, to).map((item, i) => ({ item, index: from + i }))
    if (breakage.dropAtPageBoundary === true && from > 0) page = page.slice(1)
    if (breakage.loseOnRepull === true) {
      page = page.filter((p) => !served.has(p.index))
      for (const p of page) served.add(p.index)
    }
    const suffix =
      breakage.unstableIds === true ? `-${pulls}` : breakage.idsPerInstance === true ? `@${instance}` : ''
    const out = page.map(({ item }) =>
      suffix !== '' && item._tag === 'Movement'
        ? { ...item, movement: { ...item.movement, providerId: `${item.movement.providerId}${suffix}` } }
        : item,
    )
    // Backwards to the first page's cursor, a position the walk has already been through.
    const next =
      breakage.cursorBackwards === true && from >= items.length ? Math.min(pageSize, items.length) : to
    const token = `tok-${(next * 7919).toString(36)}`
    if (breakage.stateInInstance === true) tokens.set(token, next)
    const extra = {
      ...(breakage.consentExpiresOn === undefined ? {} : { consentExpiresOn: breakage.consentExpiresOn }),
      ...(breakage.notices === undefined ? {} : { notices: breakage.notices }),
    } as Pick<FeedBatch, 'consentExpiresOn' | 'notices'>
    const cursor =
      breakage.stateOnCursor === true
        ? ({ value: 'session-1', offset: next } as Cursor)
        : { value: breakage.stateInInstance === true ? token : encode(next) }
    return { items: out, cursor, ...extra }
  }
  const acknowledge: NonNullable<BankConnector['acknowledge']> = () => {
    if (breakage.acknowledge === 'throws') throw new Error('EACCES: permission denied, rename')
    return () =>
      breakage.acknowledge === 'rejects'
        ? Promise.reject(new Error('EACCES: permission denied, rename'))
        : Promise.resolve(
            breakage.acknowledge === 'left'
              ? { _tag: 'Left' as const, left: unavailable }
              : { _tag: 'Right' as const, right: undefined },
          )
  }
  return {
    protocol: 'fixture-api',
    capabilities: { ...CAPABILITIES, ...breakage.capabilities },
    pull: (request) => () => {
      if (breakage.throws === true) throw new Error('socket hang up')
      return Promise.resolve(
        breakage.fail === undefined
          ? { _tag: 'Right' as const, right: pull(request) }
          : { _tag: 'Left' as const, left: breakage.fail },
      )
    },
    ...(breakage.acknowledge === undefined ? {} : { acknowledge }),
  }
}

/** What an API answers once the token has expired. */
export const authExpired: ConnectorError = {
  _tag: 'AuthExpired',
  message: 'the access token has expired: ask the client to reconnect',
  retryable: false,
}
/** What a file share answers when it is down. */
export const unavailable: ConnectorError = {
  _tag: 'Unavailable',
  message: 'the inbox could not be moved into processed/',
  retryable: true,
  retryAfterSeconds: null,
}
/** What an API answers to too many requests. */
export const rateLimited: Extract<ConnectorError, { _tag: 'RateLimited' }> = {
  _tag: 'RateLimited',
  message: 'too many requests',
  retryable: true,
  retryAfterSeconds: 30,
}

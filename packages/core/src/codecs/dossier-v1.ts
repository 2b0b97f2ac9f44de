import { E, pipe, t } from '../fp.js'
import type { Either } from '../fp.js'
import { SUBSCRIBER_TYPES } from '../domain/contact.js'
import type { Dossier } from '../domain/dossier.js'
import { FREQUENCIES, PROTOCOLS } from '../domain/feed-settings.js'
import { COUNTERPART_MODES, JOURNAL_TYPES } from '../domain/journal.js'
import { nestingDepthIssue } from './nesting-depth.js'
import { LocalDateCodec, nullable, oneOf } from './primitives.js'
import { readableErrors } from './readable-errors.js'
import type { DecodeIssue } from './readable-errors.js'

// Shapes and types only. Whether a RIB key, an IBAN or a BIC is right is the checklist's question:
// a dossier with a wrong IBAN must decode, so that the checklist can say what to fix.

/**
 * An object codec that drops unknown properties (`t.exact`), named for error messages. Every level
 * uses it, so a bank account's or a feed's extra fields are dropped like the dossier's own.
 */
const record = <P extends t.Props>(props: P, name: string): t.ExactC<t.TypeC<P>> =>
  t.exact(t.type(props, name), name)

const FiscalYearCodec = record(
  { start: LocalDateCodec, end: LocalDateCodec, closed: t.boolean },
  'FiscalYear',
)

const ContactCodec = record(
  {
    id: t.string,
    firstName: t.string,
    lastName: t.string,
    email: nullable(t.string),
    mobile: nullable(t.string),
    role: nullable(t.string),
    subscriberType: oneOf(SUBSCRIBER_TYPES),
    consultationAccess: t.boolean,
  },
  'Contact',
)

const RibCodec = record(
  { bankCode: t.string, branchCode: t.string, accountNumber: t.string, key: t.string },
  'Rib',
)

const FeedSettingsCodec = record(
  {
    protocol: nullable(oneOf(PROTOCOLS)),
    startDate: nullable(LocalDateCodec),
    startDateLocked: t.boolean,
    frequency: oneOf(FREQUENCIES),
    autoGenerateEntries: t.boolean,
  },
  'FeedSettings',
)

const BankAccountCodec = record(
  {
    id: t.string,
    name: t.string,
    holder: t.string,
    holderComplement: nullable(t.string),
    rib: nullable(RibCodec),
    iban: nullable(t.string),
    bic: nullable(t.string),
    currency: t.string,
    attachedContactId: nullable(t.string),
    main: t.boolean,
    feed: nullable(FeedSettingsCodec),
  },
  'BankAccount',
)

const GlAccountCodec = record(
  { number: t.string, label: t.string, bankAccountId: nullable(t.string) },
  'GlAccount',
)

const JournalCodec = record(
  {
    code: t.string,
    label: t.string,
    type: oneOf(JOURNAL_TYPES),
    counterpartAccount: nullable(t.string),
    counterpartMode: nullable(oneOf(COUNTERPART_MODES)),
  },
  'Journal',
)

/**
 * The io-ts codec of dossier JSON version 1 (documented in the package README). Decoding strips
 * unknown properties at every level; absent optional fields become `null`. Encoding gives back
 * version-1 JSON. It does not bound nesting: {@link decodeDossier} does, before calling it.
 */
export const DossierV1Codec: t.Type<Dossier, unknown, unknown> = record(
  {
    version: t.literal(1),
    code: t.string,
    name: t.string,
    siren: nullable(t.string),
    collaborative: t.boolean,
    fiscalYears: t.readonlyArray(FiscalYearCodec, 'Array<FiscalYear>'),
    contacts: t.readonlyArray(ContactCodec, 'Array<Contact>'),
    bankAccounts: t.readonlyArray(BankAccountCodec, 'Array<BankAccount>'),
    glAccounts: t.readonlyArray(GlAccountCodec, 'Array<GlAccount>'),
    journals: t.readonlyArray(JournalCodec, 'Array<Journal>'),
    waitingAccount: nullable(t.string),
  },
  'Dossier',
)

/** Why a JSON value is not a version-1 dossier: every failing path, not just the first. */
export interface DossierDecodeError {
  readonly _tag: 'DossierDecodeError'
  readonly issues: ReadonlyArray<DecodeIssue>
}

/**
 * Decodes dossier JSON version 1 (an already parsed value). Never throws; `Left` lists every failing
 * path in readable form, e.g. `bankAccounts[0].rib.bankCode: expected string, got 99999`. A value
 * nested deeper than `MAX_JSON_DEPTH` (64) levels is refused before decoding, naming the path where
 * the limit is passed: printing such a value in an error message would overflow the stack.
 */
export const decodeDossier = (json: unknown): Either<DossierDecodeError, Dossier> => {
  const failed = (issues: ReadonlyArray<DecodeIssue>): Either<DossierDecodeError, Dossier> =>
    E.left({ _tag: 'DossierDecodeError', issues })
  try {
    const tooDeep = nestingDepthIssue(json)
    if (tooDeep !== null) return failed([tooDeep])
    return pipe(
      DossierV1Codec.decode(json),
      E.mapLeft((errors) => ({ _tag: 'DossierDecodeError' as const, issues: readableErrors(errors) })),
    )
  } catch (e) {
    // Only a hostile value from plain JavaScript gets here (a getter or a proxy that throws): JSON
    // cannot. Its message is not shown, since it may carry anything.
    const name = e instanceof Error ? e.name : typeof e
    return failed([
      { path: '', expected: 'Dossier', actual: undefined, message: `(root): unreadable value (${name})` },
    ])
  }
}

/**
 * Parses dossier JSON text then decodes it ({@link decodeDossier}, so nesting is bounded too); a
 * syntax error is reported as an issue at the root with the parser's message.
 */
export const parseDossierJson = (text: string): Either<DossierDecodeError, Dossier> => {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e)
    return E.left({
      _tag: 'DossierDecodeError',
      issues: [{ path: '', expected: 'JSON', actual: undefined, message: `(root): invalid JSON: ${reason}` }],
    })
  }
  return decodeDossier(json)
}

/** The JSON version-1 form of a dossier. */
export const encodeDossier = (dossier: Dossier): unknown => DossierV1Codec.encode(dossier)

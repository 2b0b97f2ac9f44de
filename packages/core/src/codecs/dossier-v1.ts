import { E, pipe, t } from '../fp.js'
import type { Either } from '../fp.js'
import { SUBSCRIBER_TYPES } from '../domain/contact.js'
import type { Dossier } from '../domain/dossier.js'
import { FREQUENCIES, PROTOCOLS } from '../domain/feed-settings.js'
import { COUNTERPART_MODES, JOURNAL_TYPES } from '../domain/journal.js'
import { LocalDateCodec, nullable, oneOf } from './primitives.js'
import { readableErrors } from './readable-errors.js'
import type { DecodeIssue } from './readable-errors.js'

// Shapes and types only. Whether a RIB key, an IBAN or a BIC is right is the checklist's question:
// a dossier with a wrong IBAN must decode, so that the checklist can say what to fix.

const FiscalYearCodec = t.type(
  { start: LocalDateCodec, end: LocalDateCodec, closed: t.boolean },
  'FiscalYear',
)

const ContactCodec = t.type(
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

const RibCodec = t.type(
  { bankCode: t.string, branchCode: t.string, accountNumber: t.string, key: t.string },
  'Rib',
)

const FeedSettingsCodec = t.type(
  {
    protocol: nullable(oneOf(PROTOCOLS)),
    startDate: nullable(LocalDateCodec),
    startDateLocked: t.boolean,
    frequency: oneOf(FREQUENCIES),
    autoGenerateEntries: t.boolean,
  },
  'FeedSettings',
)

const BankAccountCodec = t.type(
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

const GlAccountCodec = t.type(
  { number: t.string, label: t.string, bankAccountId: nullable(t.string) },
  'GlAccount',
)

const JournalCodec = t.type(
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
 * unknown properties; absent optional fields become `null`. Encoding gives back version-1 JSON.
 */
export const DossierV1Codec: t.Type<Dossier, unknown, unknown> = t.exact(
  t.type(
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
  ),
  'Dossier',
)

/** Why a JSON value is not a version-1 dossier: every failing path, not just the first. */
export interface DossierDecodeError {
  readonly _tag: 'DossierDecodeError'
  readonly issues: ReadonlyArray<DecodeIssue>
}

/**
 * Decodes dossier JSON version 1 (an already parsed value). Never throws; `Left` lists every failing
 * path in readable form, e.g. `bankAccounts[0].rib.bankCode: expected string, got 99999`.
 */
export const decodeDossier = (json: unknown): Either<DossierDecodeError, Dossier> =>
  pipe(
    DossierV1Codec.decode(json),
    E.mapLeft((errors) => ({ _tag: 'DossierDecodeError' as const, issues: readableErrors(errors) })),
  )

/**
 * Parses dossier JSON text then decodes it; a syntax error is reported as an issue at the root with
 * the parser's message.
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

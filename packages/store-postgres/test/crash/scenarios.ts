// The deliveries the crash and concurrency tests sync, made from a seed, and their oracle: what the
// ledgers must hold once a given part of them was consumed, computed from the generated data alone
// (amounts and labels as the bank sent them), never from bankfeed's decisions.
import { EUR, localDate } from '@bankfeed/core'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { moneyFromMinorUnits } from '@bankfeed/core/domain'
import type { FeedItem, Movement } from '@bankfeed/core'
import * as cfonbText from '@bankfeed/connector-cfonb/testing'
import { movementLine } from './facts.js'
import { ACCOUNTS } from './fixtures.js'
import type { AccountId } from './fixtures.js'
import { encodeScript } from './scripted-connector.js'
import type { Script } from './scripted-connector.js'

/** A small seeded generator (mulberry32): the same seed gives the same deliveries in every process. */
export const makeRng = (seed: number) => {
  let a = seed >>> 0
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return {
    next,
    int: (min: number, max: number): number => min + Math.floor(next() * (max - min + 1)),
    chance: (p: number): boolean => next() < p,
    pick: <T>(xs: ReadonlyArray<T>): T => xs[Math.floor(next() * xs.length)] as T,
  }
}

/** A seeded generator. */
export type Rng = ReturnType<typeof makeRng>

/** What a ledger must hold: its movement lines (sorted) and the sum its entries must book. */
export interface ExpectedLedger {
  readonly movements: ReadonlyArray<string>
  /** Σ of the amounts of the booked movements (each carries one entry). */
  readonly sumEntered: string
}

/** The expected state of both ledgers and of the unmatched queue. */
export interface Expected {
  readonly ledgers: Readonly<Record<AccountId, ExpectedLedger>>
  readonly unmatched: number
}

const ACCOUNT_IDS: ReadonlyArray<AccountId> = ['ba1', 'ba2']

/** `YYYY-MM-DD` of `2025-10-01` plus `n` days. */
const day = (n: number): string => new Date(Date.UTC(2025, 9, 1) + n * 86_400_000).toISOString().slice(0, 10)

/** Exact decimal string of cents (the oracle never goes through a JS number). */
const cents = (units: bigint): string => cfonbText.formatMinor(units, 2)

const sumOf = (units: ReadonlyArray<bigint>): string => cents(units.reduce((s, u) => s + u, 0n))

const LABELS = [
  'PRLV SEPA EDF',
  'PRLV SEPA URSSAF',
  'CB LEROY MERLIN',
  'CB STATION TOTAL',
  'VIR SEPA CLIENT MARTIN',
  'VIR SEPA SOCIÉTÉ BÉRANGÈRE',
  'REM CHQ 0004512',
  'FRAIS TENUE DE COMPTE',
  'COMMISSION INTERVENTION',
  'PRLV SEPA DGFIP TVA',
  'VIR SEPA LOYER ATELIER',
  'CB AMAZON EU',
]

/** A non-zero amount of cents, mostly payments; `unique` keeps it distinct from every amount drawn. */
const drawUnits = (rng: Rng, used: Set<bigint>): bigint => {
  for (;;) {
    const magnitude = BigInt(rng.int(100, 900_000))
    const u = rng.chance(0.7) ? -magnitude : magnitude
    if (!used.has(u)) {
      used.add(u)
      return u
    }
  }
}

// --- CFONB files through the inbox ----------------------------------------------------------------

/** One generated CFONB file. */
export interface CfonbFile {
  readonly name: string
  /** The day's movements per known account (units, date, label), as written in the file. */
  readonly lines: Readonly<Record<AccountId, ReadonlyArray<{ units: bigint; date: string; label: string }>>>
  /** Whether the file carries a statement for an account no dossier has (queued unmatched). */
  readonly unknownStatement: string | null
  /** A whole day sent again under another name: it adds nothing. */
  readonly resendOf: string | null
}

const modelDate = (iso: string): cfonbText.ModelDate => ({
  year: Number(iso.slice(0, 4)),
  month: Number(iso.slice(5, 7)),
  day: Number(iso.slice(8, 10)),
})

const modelAccount = (id: AccountId | 'unknown'): cfonbText.ModelAccount =>
  id === 'unknown'
    ? { bank: '10278', branch: '02204', account: '00020427603', currency: 'EUR', decimals: 2 }
    : {
        bank: ACCOUNTS[id].bankCode,
        branch: ACCOUNTS[id].branchCode,
        account: ACCOUNTS[id].accountNumber,
        currency: 'EUR',
        decimals: 2,
      }

const modelMovement = (date: string, label: string, units: bigint, n: number): cfonbText.ModelMovement => ({
  internalCode: '0123',
  interbankCode: label.startsWith('PRLV') ? 'B1' : label.startsWith('VIR') ? '05' : '01',
  bookingDate: modelDate(date),
  rejectCode: '',
  valueDate: modelDate(date),
  label,
  entryNumber: String(1_000_000 + n),
  flags: '  ',
  units,
  reference: '',
  details: label.startsWith('VIR') ? [{ qualifier: 'NPY', text: label.slice(9) }] : [],
})

/**
 * `days` daily CFONB files (`NNNN-releve.cfonb`), each with a chained statement for each of the two
 * accounts (identical same-day twins included), one in five with a statement of an unknown account
 * too, and now and then a whole earlier day sent again under a new name. Writes them into `dir`.
 */
export const makeCfonbDeliveries = (seed: number, days: number, dir: string): ReadonlyArray<CfonbFile> => {
  const rng = makeRng(seed)
  const used = new Set<bigint>()
  const balance: Record<AccountId | 'unknown', bigint> = { ba1: 1_250_000n, ba2: -35_000n, unknown: 0n }
  const files: CfonbFile[] = []
  const texts = new Map<string, string>()
  let entry = 0
  for (let d = 0; d < days; d++) {
    const date = day(d)
    const statements: cfonbText.ModelStatement[] = []
    const lines: Record<AccountId, Array<{ units: bigint; date: string; label: string }>> = {
      ba1: [],
      ba2: [],
    }
    const statementOf = (id: AccountId | 'unknown', ms: ReadonlyArray<{ units: bigint; label: string }>) => {
      statements.push({
        account: modelAccount(id),
        openingDate: modelDate(day(d - 1)),
        openingUnits: balance[id],
        closingDate: modelDate(date),
        movements: ms.map((m) => modelMovement(date, m.label, m.units, entry++)),
      })
      balance[id] = ms.reduce((s, m) => s + m.units, balance[id])
    }
    for (const id of ACCOUNT_IDS) {
      const ms: Array<{ units: bigint; label: string }> = []
      for (let i = rng.int(1, 5); i > 0; i--) {
        const m = { units: drawUnits(rng, used), label: rng.pick(LABELS) }
        ms.push(m)
        // Two identical payments the same day (two card payments of the same amount): both real.
        if (rng.chance(0.12)) ms.push({ ...m })
      }
      statementOf(id, ms)
      lines[id] = ms.map((m) => ({ ...m, date }))
    }
    let unknownStatement: string | null = null
    if (rng.chance(0.2)) {
      statementOf('unknown', [{ units: drawUnits(rng, used), label: 'VIR SEPA AUTRE CLIENT' }])
      unknownStatement = `unknown-${date}`
    }
    const name = `${String(files.length).padStart(4, '0')}-releve-${date}.cfonb`
    const text = `${cfonbText.writeRecords(statements).join('\r\n')}\r\n`
    texts.set(name, text)
    writeFileSync(join(dir, name), text)
    files.push({ name, lines, unknownStatement, resendOf: null })
    if (d > 2 && rng.chance(0.08)) {
      const earlier = rng.pick(files.filter((f) => f.resendOf === null))
      const again = `${String(files.length).padStart(4, '0')}-renvoi-${earlier.name.slice(5)}`
      writeFileSync(join(dir, again), texts.get(earlier.name) as string)
      files.push({ name: again, lines: { ba1: [], ba2: [] }, unknownStatement: null, resendOf: earlier.name })
    }
  }
  return files
}

/** What the ledgers must hold once exactly the files named in `consumed` were consumed. */
export const expectedOfCfonb = (files: ReadonlyArray<CfonbFile>, consumed: ReadonlySet<string>): Expected => {
  const taken = files.filter((f) => consumed.has(f.name))
  const ledger = (id: AccountId): ExpectedLedger => {
    const ls = taken.flatMap((f) => f.lines[id])
    return {
      movements: ls.map((l) => movementLine('booked', 'active', l.date, cents(l.units), l.label)).sort(),
      sumEntered: sumOf(ls.map((l) => l.units)),
    }
  }
  return {
    ledgers: { ba1: ledger('ba1'), ba2: ledger('ba2') },
    unmatched: new Set(taken.flatMap((f) => (f.unknownStatement === null ? [] : [f.unknownStatement]))).size,
  }
}

// --- a scripted API connection ---------------------------------------------------------------------

/** What really happened to one movement of the script, delivery by delivery. */
interface Truth {
  readonly account: AccountId
  readonly status: 'booked' | 'pending'
  readonly units: bigint
  readonly label: string
  readonly date: string
  readonly deliveredAt: number
  /** Delivery that deleted it (a cancelled authorisation, a booked movement withdrawn), if any. */
  deletedAt: number | null
  /** A pending one: the delivery where its booked movement came (and replaced it), if any. */
  bookedAt: number | null
}

/** A generated script and what it means. */
export interface ApiScript {
  readonly script: Script
  readonly truths: ReadonlyArray<Truth>
}

const movement = (
  t: Pick<Truth, 'status' | 'units' | 'label' | 'date'>,
  providerId: string,
  counterpartyName: string | null,
): Movement => ({
  providerId,
  status: t.status,
  bookingDate: localDate(t.date),
  valueDate: t.status === 'booked' ? localDate(t.date) : null,
  amount: moneyFromMinorUnits(t.units, EUR),
  label: t.label,
  reference: null,
  counterpartyName,
  interbankCode: null,
  details: [],
})

/**
 * `n` nightly deliveries of an API connection feeding both accounts: new booked movements (one in
 * ten with an identical twin under another id), pending authorisations booked one to three nights
 * later under a new id (sometimes with a longer label), pending ones cancelled (deleted), booked
 * ones withdrawn by the bank a few nights later (kept for review: they were booked already),
 * re-deliveries of movements already sent, and deletions of ids never seen.
 */
export const makeApiScript = (seed: number, n: number, file: string): ApiScript => {
  const rng = makeRng(seed)
  const used = new Set<bigint>()
  const deliveries: FeedItem[][] = Array.from({ length: n }, () => [])
  const truths: Truth[] = []
  const sent: Array<{ item: FeedItem; truth: Truth }> = []
  const put = (k: number, item: FeedItem): void => {
    deliveries[k]?.push(item)
  }
  let id = 0
  for (let k = 0; k < n; k++) {
    const date = day(k)
    for (const account of ACCOUNT_IDS) {
      const ref = ACCOUNTS[account]
      for (let i = rng.int(1, 4); i > 0; i--) {
        const label = rng.pick(LABELS)
        const units = drawUnits(rng, used)
        const pid = `${account}-${id++}`
        if (rng.chance(0.3) && k + 1 < n) {
          // Authorised tonight, booked 1–3 nights later under its own id (or cancelled).
          const pending: Truth = {
            account,
            status: 'pending',
            units,
            label,
            date,
            deliveredAt: k,
            deletedAt: null,
            bookedAt: null,
          }
          truths.push(pending)
          const item: FeedItem = {
            _tag: 'Movement',
            account: ref,
            movement: movement(pending, `p-${pid}`, null),
          }
          put(k, item)
          sent.push({ item, truth: pending })
          const later = Math.min(n - 1, k + rng.int(1, 3))
          if (rng.chance(0.2)) {
            pending.deletedAt = later
            put(later, { _tag: 'Deleted', account: ref, providerId: `p-${pid}` })
          } else {
            pending.bookedAt = later
            const booked: Truth = {
              account,
              status: 'booked',
              units,
              label: rng.chance(0.3) ? `${label} ${day(later).slice(8)}/${day(later).slice(5, 7)}` : label,
              date: day(later),
              deliveredAt: later,
              deletedAt: null,
              bookedAt: null,
            }
            truths.push(booked)
            put(later, { _tag: 'Movement', account: ref, movement: movement(booked, pid, null) })
          }
          continue
        }
        const booked: Truth = {
          account,
          status: 'booked',
          units,
          label,
          date,
          deliveredAt: k,
          deletedAt: null,
          bookedAt: null,
        }
        truths.push(booked)
        const item: FeedItem = { _tag: 'Movement', account: ref, movement: movement(booked, pid, 'DURAND') }
        put(k, item)
        sent.push({ item, truth: booked })
        if (rng.chance(0.1)) {
          // An identical twin: same day, amount and label, its own id. Both are real.
          const twin: Truth = { ...booked }
          truths.push(twin)
          put(k, { _tag: 'Movement', account: ref, movement: movement(twin, `${pid}-bis`, 'DURAND') })
        } else if (rng.chance(0.06) && k + 2 < n) {
          // Withdrawn by the bank two nights later, after it was booked.
          booked.deletedAt = k + 2
          put(k + 2, { _tag: 'Deleted', account: ref, providerId: pid })
        }
      }
      // Re-deliveries of what was sent before and still stands as sent.
      for (let r = rng.int(0, 2); r > 0 && sent.length > 0; r--) {
        const s = rng.pick(sent)
        const standing =
          s.truth.account === account &&
          s.truth.deletedAt === null &&
          (s.truth.status === 'booked' || s.truth.bookedAt === null || s.truth.bookedAt > k)
        if (standing && s.truth.deliveredAt < k) put(k, s.item)
      }
      if (rng.chance(0.05)) put(k, { _tag: 'Deleted', account: ref, providerId: `never-sent-${k}` })
    }
  }
  writeFileSync(file, encodeScript(deliveries))
  return { script: deliveries, truths }
}

/** What the ledgers must hold once the first `consumed` deliveries of the script were committed. */
export const expectedOfScript = (s: ApiScript, consumed: number): Expected => {
  const ledger = (id: AccountId): ExpectedLedger => {
    const lines: string[] = []
    const entered: bigint[] = []
    for (const t of s.truths) {
      if (t.account !== id || t.deliveredAt >= consumed) continue
      const deleted = t.deletedAt !== null && t.deletedAt < consumed
      if (t.status === 'pending') {
        const booked = t.bookedAt !== null && t.bookedAt < consumed
        if (!deleted && !booked)
          lines.push(movementLine('pending', 'active', t.date, cents(t.units), t.label))
        continue
      }
      // A booked movement has its entry from the night it came; withdrawn later, it stays for review.
      lines.push(
        movementLine('booked', deleted ? 'deletedNeedsReview' : 'active', t.date, cents(t.units), t.label),
      )
      entered.push(t.units)
    }
    return { movements: lines.sort(), sumEntered: sumOf(entered) }
  }
  return { ledgers: { ba1: ledger('ba1'), ba2: ledger('ba2') }, unmatched: 0 }
}

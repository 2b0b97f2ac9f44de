import type { LocalDate } from './local-date.js'

/** How movements arrive: Bankin' (Bridge API), DSP2 bank APIs, CFONB 120 files, So bank daily feed. */
export type Protocol = 'bankin' | 'dsp2' | 'cfonb' | 'sobank'

/** Every {@link Protocol}. */
export const PROTOCOLS: ReadonlyArray<Protocol> = ['bankin', 'dsp2', 'cfonb', 'sobank']

/** How often statements are collected. */
export type Frequency = 'daily' | 'weekly' | 'monthly'

/** Every {@link Frequency}. */
export const FREQUENCIES: ReadonlyArray<Frequency> = ['daily', 'weekly', 'monthly']

/** The collection settings of one bank account. */
export interface FeedSettings {
  /** `null` while no protocol is chosen. */
  readonly protocol: Protocol | null
  /** First day collected (date de début d'appel); `null` means the start of the current fiscal year. */
  readonly startDate: LocalDate | null
  /** Once validated, the start date can no longer change. */
  readonly startDateLocked: boolean
  readonly frequency: Frequency
  /** Entries generated as soon as a statement is integrated, or on demand. */
  readonly autoGenerateEntries: boolean
}

/** How far back banks usually return movements: about six months. */
export const BANK_RETENTION_DAYS = 180

import type { Movement } from '../domain/statement.js'

// Printable ASCII (and space): what bank labels are made of, with no accent to strip.
const ASCII = /^[\x20-\x7e]*$/

/**
 * A label as compared by the matchers: upper case, no accents, punctuation as spaces, spaces folded.
 * Banks re-send the same operation with a date prefix or other spacing; comparisons must not care.
 */
export const normalizeLabel = (label: string): string =>
  // Bank labels are nearly always plain ASCII: skip the Unicode decomposition for them (hot path).
  (ASCII.test(label) ? label : label.normalize('NFD').replace(/[\u0300-\u036f]/g, ''))
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, ' ')
    .trim()

/**
 * A provider id as a key, or `null`: blank ids are no ids (a `" "` id once merged unrelated
 * transactions in another project).
 */
export const usableProviderId = (id: string | null): string | null => {
  const trimmed = id?.trim() ?? ''
  return trimmed === '' ? null : trimmed
}

/**
 * What makes two movements of one source "the same line": booking date, exact amount and label.
 * Identical real twins share it, so matching on it always counts occurrences.
 */
export const contentKey = (m: Movement): string =>
  `${m.bookingDate}|${m.amount.amount.toFixed()}|${normalizeLabel(m.label)}`

/**
 * Similarity of two labels, 0 to 1: the share of words they have in common (Jaccard on word sets).
 * Cheap, explainable, and indifferent to word order and to the prefixes banks add.
 */
export const labelSimilarity = (a: string, b: string): number => {
  const wa = new Set(
    normalizeLabel(a)
      .split(' ')
      .filter((w) => w !== ''),
  )
  const wb = new Set(
    normalizeLabel(b)
      .split(' ')
      .filter((w) => w !== ''),
  )
  if (wa.size === 0 && wb.size === 0) return 1
  let common = 0
  for (const w of wa) if (wb.has(w)) common++
  return common / (wa.size + wb.size - common)
}

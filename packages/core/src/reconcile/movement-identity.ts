import type { Movement } from '../domain/statement.js'

/** True when the label is printable ASCII: normalizing it only changes case and punctuation. */
export const isAsciiLabel = (label: string): boolean => {
  // A plain loop: several times faster than the regular expression on this per-movement path.
  for (let i = 0; i < label.length; i++) {
    const c = label.charCodeAt(i)
    if (c < 0x20 || c > 0x7e) return false
  }
  return true
}

/**
 * A label as compared by the matchers: upper case, no accents, punctuation as spaces, spaces folded.
 * Banks re-send the same operation with a date prefix or other spacing; comparisons must not care.
 */
export const normalizeLabel = (label: string): string =>
  // Bank labels are nearly always plain ASCII: skip the Unicode decomposition for them (hot path).
  (isAsciiLabel(label) ? label : label.normalize('NFD').replace(/[\u0300-\u036f]/g, ''))
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, ' ')
    .trim()

/**
 * A provider id as a key, or `null`: blank ids are no ids (a `" "` id once merged unrelated
 * transactions in another project).
 */
export const usableProviderId = (id: string | null): string | null => {
  if (id === null || id === '') return null
  // Trimming allocates a new string even when there is nothing to trim: only trim when needed.
  const trimmed = SPACE_AT_ENDS.test(id) ? id.trim() : id
  return trimmed === '' ? null : trimmed
}

const SPACE_AT_ENDS = /^\s|\s$/

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

/** The identity key of a movement its provider identifies: `p:<connection>:<provider id>`. */
export const providerKey = (source: { readonly connectionId: string }, providerId: string): string =>
  `p:${source.connectionId}:${providerId}`

/** The content family of a movement without provider id: `c:<connection>:<content key>`. */
export const contentFamily = (source: { readonly connectionId: string }, key: string): string =>
  `c:${source.connectionId}:${key}`

/** The identity key of the `occurrence`-th movement of a content: `c:<connection>:<content key>#<n>`. */
export const contentId = (
  source: { readonly connectionId: string },
  key: string,
  occurrence: number,
): string => `${contentFamily(source, key)}#${occurrence}`

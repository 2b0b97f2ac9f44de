import { REDACTED } from './censor.js'

/** Registered secret values shorter than this are refused: masking them would garble ordinary text. */
export const MIN_SECRET_LENGTH = 6

// Compact (`FR7630006000011234567890189`) or printed in groups of four (`FR76 3000 6000 …`).
const IBAN = /\b([A-Z]{2})(\d{2}(?:[A-Z0-9]{11,30}|(?: [A-Z0-9]{4}){2,7}(?: [A-Z0-9]{1,4})?))\b/g

/** Masks every IBAN-shaped run of a text, keeping its country and last four characters (`FR****0189`). */
export const maskIbans = (text: string): string =>
  text.replace(
    IBAN,
    (_match, country: string, rest: string) => `${country}****${rest.replace(/ /g, '').slice(-4)}`,
  )

/** The secret values a logger knows, and the text function that hides them. */
export interface SecretScrubber {
  /** Remembers a secret value (and its URL-encoded form); `false` if it is too short to mask safely. */
  readonly add: (value: string) => boolean
  /** The text with every known secret replaced, longest first, and IBANs masked when asked. */
  readonly text: (text: string) => string
}

/** Makes a {@link SecretScrubber}; `ibans` also masks IBAN-shaped text. */
export const makeSecretScrubber = (ibans: boolean): SecretScrubber => {
  const secrets = new Set<string>()
  let ordered: ReadonlyArray<string> = []
  return {
    add: (value) => {
      if (typeof value !== 'string' || value.length < MIN_SECRET_LENGTH) return false
      secrets.add(value)
      secrets.add(encodeURIComponent(value))
      ordered = [...secrets].sort((a, b) => b.length - a.length)
      return true
    },
    text: (text) => {
      let out = text
      for (const s of ordered) if (out.includes(s)) out = out.split(s).join(REDACTED)
      return ibans ? maskIbans(out) : out
    },
  }
}

const MAX_DEPTH = 12

const isPlainObject = (v: object): boolean => {
  const proto: unknown = Object.getPrototypeOf(v)
  return proto === Object.prototype || proto === null
}

/**
 * A copy of log fields with every string passed through `text`: nested objects and arrays, error
 * messages and stacks, and values that serialise themselves (`Date`, `URL`) included.
 */
export const scrubValue = (
  value: unknown,
  text: (s: string) => string,
  depth = 0,
  seen: WeakSet<object> = new WeakSet(),
): unknown => {
  if (typeof value === 'string') return text(value)
  if (typeof value !== 'object' || value === null) return value
  if (seen.has(value)) return '[Circular]'
  if (depth >= MAX_DEPTH) return '[Too deep]'
  seen.add(value)
  try {
    if (Array.isArray(value)) return value.map((v) => scrubValue(v, text, depth + 1, seen))
    if (value instanceof Error)
      return {
        type: value.name,
        message: text(value.message),
        ...(value.stack === undefined ? {} : { stack: text(value.stack) }),
      }
    const toJSON = (value as { toJSON?: unknown }).toJSON
    if (typeof toJSON === 'function') return scrubValue(toJSON.call(value), text, depth + 1, seen)
    if (!isPlainObject(value)) return value
    const out: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(value)) out[k] = scrubValue(v, text, depth + 1, seen)
    return out
  } finally {
    seen.delete(value)
  }
}

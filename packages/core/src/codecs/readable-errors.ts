import { t } from '../fp.js'

/** One failing path of a decoded value, e.g. `bankAccounts[0].rib.bankCode: expected string`. */
export interface DecodeIssue {
  /** Dotted path with array indexes: `bankAccounts[0].rib.bankCode`; empty for the root. */
  readonly path: string
  /** The type expected there, as a person would write it. */
  readonly expected: string
  /** The value found there, shortened for display; `undefined` when the key is missing. */
  readonly actual: string | undefined
  /** `path: expected X, got Y`. */
  readonly message: string
}

const describe = (value: unknown): string | undefined => {
  if (value === undefined) return undefined
  let text: string
  try {
    text = JSON.stringify(value) ?? String(value)
  } catch {
    // A cycle, a BigInt, or nesting past the stack (RangeError): String() may overflow as well.
    try {
      text = String(value)
    } catch {
      text = Array.isArray(value) ? '[...]' : typeof value === 'object' ? '{...}' : typeof value
    }
  }
  return text.length > 60 ? `${text.slice(0, 57)}...` : text
}

const isArrayType = (type: t.Decoder<unknown, unknown>): boolean =>
  type instanceof t.ArrayType || type instanceof t.ReadonlyArrayType

/**
 * Turns io-ts errors into one readable issue per failing path. Branches of a union are folded into
 * the union itself, so a bad `iban` says `expected string | null` once, not twice.
 */
export const readableErrors = (errors: t.Errors): ReadonlyArray<DecodeIssue> => {
  const seen = new Map<string, DecodeIssue>()
  for (const error of errors) {
    const parts: string[] = []
    let expected = error.context[error.context.length - 1]?.type.name ?? 'unknown'
    let actual: unknown = error.value
    for (let i = 1; i < error.context.length; i++) {
      const entry = error.context[i]
      const parent = error.context[i - 1]
      if (entry === undefined || parent === undefined) continue
      if (parent.type instanceof t.UnionType) {
        // A branch of a union: report the union at the parent's path and stop descending.
        expected = parent.type.name
        actual = parent.actual
        break
      }
      parts.push(/^\d+$/.test(entry.key) && isArrayType(parent.type) ? `[${entry.key}]` : `.${entry.key}`)
    }
    const path = parts.join('').replace(/^\./, '')
    const shown = describe(actual)
    const message = `${path === '' ? '(root)' : path}: expected ${expected}${shown === undefined ? ', but it is missing' : `, got ${shown}`}`
    if (!seen.has(message)) seen.set(message, { path, expected, actual: shown, message })
  }
  return [...seen.values()]
}

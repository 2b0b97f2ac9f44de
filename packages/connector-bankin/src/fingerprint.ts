import { createHash } from 'node:crypto'

/**
 * A short hash (16 hex digits) of a record's fields, in key order whatever order they came in: it
 * tells an item seen again unchanged from one that changed, without keeping its content (amounts,
 * labels) in the cursor. A value that cannot be printed (nested too deep) counts as one token.
 */
export const fingerprintOf = (fields: Readonly<Record<string, unknown>>): string => {
  const hash = createHash('sha256')
  for (const key of Object.keys(fields).sort()) {
    let text: string
    try {
      text = JSON.stringify(fields[key]) ?? 'undefined'
    } catch {
      text = '(unprintable)'
    }
    // JSON text holds no raw newline: the line breaks keep fields apart.
    hash.update(`${JSON.stringify(key)}=${text}\n`)
  }
  return hash.digest('hex').slice(0, 16)
}

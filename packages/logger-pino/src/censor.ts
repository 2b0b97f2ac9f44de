import { URL_KEYS } from './redact-paths.js'

/** What replaces a redacted value. */
export const REDACTED = '[Redacted]'

const urlKeys = new Set(URL_KEYS)

/** A URL that must not be logged: a connect session, or one with credentials in it. */
export const isSecretUrl = (value: string): boolean => {
  if (/connect/i.test(value)) return true
  try {
    const u = new URL(value)
    return u.username !== '' || u.password !== ''
  } catch {
    return false
  }
}

/**
 * pino's `redact.censor`: a value under a secret key becomes {@link REDACTED}; a value under a URL
 * key only when {@link isSecretUrl} says so (anything but a string is censored, to be safe).
 */
export const censor = (value: unknown, path: ReadonlyArray<unknown>): unknown => {
  const key = path[path.length - 1]
  if (typeof key === 'string' && urlKeys.has(key) && typeof value === 'string')
    return isSecretUrl(value) ? REDACTED : value
  return REDACTED
}

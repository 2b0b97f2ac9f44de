/**
 * Field names whose value is always a secret, wherever the field sits (top level or up to
 * {@link REDACT_DEPTH} objects deep). pino's redaction is case-sensitive, so the usual spellings
 * (camelCase, snake_case, HTTP header case) are listed one by one.
 */
export const SECRET_KEYS: ReadonlyArray<string> = [
  // credentials
  'password',
  'secret',
  'clientSecret',
  'client_secret',
  'Client-Secret',
  'client-secret',
  'webhookSecret',
  'apiKey',
  'api_key',
  // tokens and headers carrying them
  'token',
  'accessToken',
  'access_token',
  'refreshToken',
  'refresh_token',
  'authorization',
  'Authorization',
  'cookie',
  'Cookie',
  'set-cookie',
  // webhook signatures (not secrets, but never worth logging)
  'signature',
  'BridgeApi-Signature',
  'bridgeapi-signature',
  // connect sessions and attach links: whoever holds the URL can connect a bank account
  'link',
  'connectUrl',
  'connect_url',
  'redirectUrl',
  'redirect_url',
]

/**
 * Field names that hold a URL: censored only when the URL is a connect session (its host or path
 * says `connect`) or carries credentials (`user:password@`); an ordinary API URL stays readable.
 */
export const URL_KEYS: ReadonlyArray<string> = ['url', 'uri', 'href']

/** How many objects deep the generated paths reach: `k`, `*.k`, `*.*.k`, `*.*.*.k`. */
export const REDACT_DEPTH = 3

const SIMPLE_KEY = /^[A-Za-z_$][\w$]*$/

/** One path segment in pino's path syntax: `.key` or `["Client-Secret"]`. */
const segment = (key: string, first: boolean): string =>
  SIMPLE_KEY.test(key) ? (first ? key : `.${key}`) : `[${JSON.stringify(key)}]`

/** The pino `redact.paths` of a field name at every depth up to {@link REDACT_DEPTH}. */
export const pathsOfKey = (key: string): ReadonlyArray<string> =>
  Array.from({ length: REDACT_DEPTH + 1 }, (_, depth) =>
    depth === 0 ? segment(key, true) : `${Array(depth).fill('*').join('.')}${segment(key, false)}`,
  )

/** Every pino `redact.paths` entry the adapter configures: {@link SECRET_KEYS} and {@link URL_KEYS}. */
export const DEFAULT_REDACT_PATHS: ReadonlyArray<string> = [...SECRET_KEYS, ...URL_KEYS].flatMap(pathsOfKey)

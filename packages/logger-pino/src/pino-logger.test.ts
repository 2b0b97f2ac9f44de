import { Writable } from 'node:stream'
import { pino } from 'pino'
import { describe, expect, test } from 'vitest'
import { DEFAULT_REDACT_PATHS, SECRET_KEYS, makePinoLogger, maskIbans, pathsOfKey } from './index.js'

/** A pino destination that keeps every line in memory. */
const memory = () => {
  const lines: string[] = []
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      lines.push(
        ...String(chunk)
          .split('\n')
          .filter((l) => l !== ''),
      )
      done()
    },
  })
  return { stream, lines, text: () => lines.join('\n'), parsed: () => lines.map((l) => JSON.parse(l)) }
}

const fromOptions = (options: Parameters<typeof makePinoLogger>[1] = {}) => {
  const out = memory()
  return { out, logger: makePinoLogger({ level: 'debug' }, { destination: out.stream, ...options }) }
}

const SECRET = 'S3cr3t-value-xyz'

describe('field redaction', () => {
  test.each(SECRET_KEYS)('%s is censored at the top level and nested', (key) => {
    const { out, logger } = fromOptions()
    logger.info('call', { [key]: SECRET, headers: { [key]: SECRET }, a: { b: { c: { [key]: SECRET } } } })
    expect(out.text()).not.toContain(SECRET)
    const [line] = out.parsed()
    expect(line[key]).toBe('[Redacted]')
    expect(line.headers[key]).toBe('[Redacted]')
    expect(line.a.b.c[key]).toBe('[Redacted]')
    expect(line.msg).toBe('call')
  })

  test('ordinary fields stay readable', () => {
    const { out, logger } = fromOptions()
    logger.warn('bridge request retried', {
      call: 'GET /v2/items',
      status: 503,
      attempt: 2,
      user: 'cab1-CCH001',
    })
    const [line] = out.parsed()
    expect(line).toMatchObject({
      level: 40,
      msg: 'bridge request retried',
      call: 'GET /v2/items',
      status: 503,
      attempt: 2,
      user: 'cab1-CCH001',
    })
  })

  test('a URL field is censored when it is a connect session or carries credentials, not otherwise', () => {
    const { out, logger } = fromOptions()
    logger.info('urls', {
      url: 'https://connect.bridgeapi.io/session/abc',
      next: { uri: 'http://127.0.0.1:4000/connect/session/9f1e' },
      proxy: { href: 'https://user:pw@proxy.example' },
      api: { url: 'https://api.bridgeapi.io/v2/items?limit=50' },
    })
    const [line] = out.parsed()
    expect(line.url).toBe('[Redacted]')
    expect(line.next.uri).toBe('[Redacted]')
    expect(line.proxy.href).toBe('[Redacted]')
    expect(line.api.url).toBe('https://api.bridgeapi.io/v2/items?limit=50')
  })

  test('extra paths are redacted too, next to the defaults and the options own paths', () => {
    const out = memory()
    const logger = makePinoLogger(
      { level: 'debug', redact: ['contact.mobile'] },
      { destination: out.stream, redact: ['dossier.pin'] },
    )
    logger.info('x', {
      contact: { mobile: '0612345678' },
      dossier: { pin: '4242', code: 'CCH001' },
      token: 't0k3n!',
    })
    const [line] = out.parsed()
    expect(line.contact.mobile).toBe('[Redacted]')
    expect(line.dossier).toEqual({ pin: '[Redacted]', code: 'CCH001' })
    expect(line.token).toBe('[Redacted]')
  })

  test('a given pino instance logs through a child carrying the redaction', () => {
    const out = memory()
    const logger = makePinoLogger(pino({ level: 'debug' }, out.stream), { redact: ['extra'] })
    logger.debug('with instance', { client_secret: SECRET, extra: SECRET, kept: 'yes' })
    expect(out.text()).not.toContain(SECRET)
    expect(out.parsed()[0]).toMatchObject({ level: 20, kept: 'yes', client_secret: '[Redacted]' })
  })

  test('paths cover every depth up to three objects deep, with header-style keys quoted', () => {
    expect(pathsOfKey('Client-Secret')).toEqual([
      '["Client-Secret"]',
      '*["Client-Secret"]',
      '*.*["Client-Secret"]',
      '*.*.*["Client-Secret"]',
    ])
    expect(DEFAULT_REDACT_PATHS).toContain('*.*.access_token')
  })
})

describe('registered secret values', () => {
  test('a secret given at construction or registered later never appears, in messages or fields', () => {
    const { out, logger } = fromOptions({ secrets: [SECRET] })
    const token = 'tok-Zx81Qp-17'
    logger.info(`before: ${token}`)
    expect(logger.registerSecret(token)).toBe(true)
    logger.error(`Bridge said: bad client ${SECRET} and token ${token}`, {
      problem: `HTTP 500: ${token}`,
      nested: { list: [`x ${SECRET} y`] },
      err: new Error(`boom ${token}`),
      encoded: `?t=${encodeURIComponent(SECRET + ' /')}`,
    })
    const [before, after] = out.parsed()
    // Registered too late for the first line: the scrubber only hides what it knows.
    expect(before.msg).toBe(`before: ${token}`)
    expect(JSON.stringify(after)).not.toContain(token)
    expect(JSON.stringify(after)).not.toContain(SECRET)
    expect(after.msg).toBe('Bridge said: bad client [Redacted] and token [Redacted]')
    expect(after.problem).toBe('HTTP 500: [Redacted]')
    expect(after.nested.list).toEqual(['x [Redacted] y'])
    expect(after.err.message).toBe('boom [Redacted]')
  })

  test('the URL-encoded form of a secret is hidden as well', () => {
    const { out, logger } = fromOptions()
    const url = 'https://connect.example/session?id=a b/c'
    logger.registerSecret(url)
    logger.info(`redirect ${encodeURIComponent(url)}`)
    expect(out.text()).not.toContain(encodeURIComponent(url))
  })

  test('values too short to mask safely are refused', () => {
    const { out, logger } = fromOptions()
    expect(logger.registerSecret('abc')).toBe(false)
    logger.info('abc and more')
    expect(out.parsed()[0].msg).toBe('abc and more')
  })

  test('a child shares the registered secrets and redaction', () => {
    const { out, logger } = fromOptions()
    const child = logger.child({ connection: 'conn-1' })
    logger.registerSecret(SECRET)
    child.info(`leak ${SECRET}`, { password: 'hunter22', ok: 1 })
    const [line] = out.parsed()
    expect(line).toMatchObject({
      connection: 'conn-1',
      msg: 'leak [Redacted]',
      password: '[Redacted]',
      ok: 1,
    })
  })

  test('circular fields do not break logging', () => {
    const { out, logger } = fromOptions()
    const a: Record<string, unknown> = { name: 'a' }
    a['self'] = a
    logger.info('cycle', { a })
    expect(out.parsed()[0].a).toEqual({ name: 'a', self: '[Circular]' })
  })
})

describe('IBAN masking', () => {
  const IBAN = 'FR7630006000011234567890189'

  test('keeps the country and the last four characters, compact or grouped', () => {
    expect(maskIbans(`compte ${IBAN} ok`)).toBe('compte FR****0189 ok')
    expect(maskIbans('FR76 3000 6000 0112 3456 7890 189')).toBe('FR****0189')
    expect(maskIbans('GB29NWBK60161331926819')).toBe('GB****6819')
    expect(maskIbans('invoice FR-2026-001, amount 1234.56')).toBe('invoice FR-2026-001, amount 1234.56')
  })

  test('with redactIbans, IBANs in fields and messages are masked', () => {
    const { out, logger } = fromOptions({ redactIbans: true })
    logger.debug(`account ${IBAN}`, { iban: IBAN, accounts: [{ iban: IBAN, name: 'Compte courant' }] })
    expect(out.text()).not.toContain(IBAN)
    const [line] = out.parsed()
    expect(line.msg).toBe('account FR****0189')
    expect(line.iban).toBe('FR****0189')
    expect(line.accounts[0]).toEqual({ iban: 'FR****0189', name: 'Compte courant' })
  })

  test('without redactIbans, IBANs are left as they are', () => {
    const { out, logger } = fromOptions()
    logger.debug('account', { iban: IBAN })
    expect(out.parsed()[0].iban).toBe(IBAN)
  })
})

describe('levels', () => {
  test('each port method writes at its pino level, and the level filters', () => {
    const out = memory()
    const logger = makePinoLogger({ level: 'info' }, { destination: out.stream })
    logger.debug('d')
    logger.info('i')
    logger.warn('w')
    logger.error('e')
    expect(out.parsed().map((l) => [l.level, l.msg])).toEqual([
      [30, 'i'],
      [40, 'w'],
      [50, 'e'],
    ])
  })
})

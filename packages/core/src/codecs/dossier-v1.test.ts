import { describe, expect, it } from 'vitest'
import { E, t } from '../fp.js'
import { seedDossierJson } from '../../test/seed.js'
import { decodeDossier, encodeDossier, parseDossierJson } from './dossier-v1.js'
import { MAX_JSON_DEPTH, nestingDepthIssue } from './nesting-depth.js'
import { readableErrors } from './readable-errors.js'

const messages = (json: unknown): ReadonlyArray<string> => {
  const r = decodeDossier(json)
  return E.isLeft(r) ? r.left.issues.map((i) => i.message) : []
}

describe('decodeDossier', () => {
  it('decodes the seed dossier, whose IBAN and BIC are wrong: that is the checklist’s business', () => {
    const r = decodeDossier(seedDossierJson())
    expect(E.isRight(r) && r.right.bankAccounts[0]?.iban).toBe('FR7699999999991234567899799')
    expect(E.isRight(r) && r.right.bankAccounts[0]?.bic).toBe('02155210542')
  })

  it('turns absent optional fields into null', () => {
    const json = seedDossierJson()
    delete json['siren']
    delete json['waitingAccount']
    const account = (json['bankAccounts'] as Record<string, unknown>[])[0] as Record<string, unknown>
    delete account['rib']
    delete account['bic']
    account['feed'] = {
      protocol: 'cfonb',
      startDateLocked: true,
      frequency: 'weekly',
      autoGenerateEntries: false,
    }
    const r = decodeDossier(json)
    if (E.isLeft(r)) throw new Error(r.left.issues.map((i) => i.message).join('\n'))
    expect(r.right.siren).toBeNull()
    expect(r.right.waitingAccount).toBeNull()
    expect(r.right.bankAccounts[0]?.rib).toBeNull()
    expect(r.right.bankAccounts[0]?.bic).toBeNull()
    expect(r.right.bankAccounts[0]?.feed?.startDate).toBeNull()
  })

  it('names every failing path, not only the first', () => {
    const json = seedDossierJson()
    const account = (json['bankAccounts'] as Record<string, unknown>[])[0] as Record<string, unknown>
    ;(account['rib'] as Record<string, unknown>)['bankCode'] = 99999
    account['currency'] = undefined
    ;(account['feed'] as Record<string, unknown>)['protocol'] = 'ebics'
    ;(json['journals'] as Record<string, unknown>[]).push({ code: 'AC', label: 'Achats', type: 'purchases' })
    json['fiscalYears'] = [{ start: '2026-02-30', end: '2026-12-31', closed: 'no' }]
    expect(messages(json)).toEqual([
      'fiscalYears[0].start: expected LocalDate (YYYY-MM-DD), got "2026-02-30"',
      'fiscalYears[0].closed: expected boolean, got "no"',
      'bankAccounts[0].rib.bankCode: expected string, got 99999',
      'bankAccounts[0].currency: expected string, but it is missing',
      'bankAccounts[0].feed.protocol: expected "bankin" | "dsp2" | "cfonb" | "sobank" | null, got "ebics"',
      'journals[1].type: expected "bank" | "purchase" | "sale" | "general" | "opening", got "purchases"',
    ])
  })

  it('rejects another version, a non-object and an array without throwing', () => {
    expect(messages({ ...seedDossierJson(), version: 2 })).toEqual(['version: expected 1, got 2'])
    expect(messages(null)[0]).toBe('(root): expected Dossier, got null')
    expect(messages([])[0]).toBe('(root): expected Dossier, got []')
  })

  it('reports a JSON syntax error at the root', () => {
    const r = parseDossierJson('{ "version": 1,')
    expect(E.isLeft(r) && r.left.issues[0]?.message).toMatch(/^\(root\): invalid JSON: /)
  })

  it('encodes back to the JSON it came from', () => {
    const r = decodeDossier(seedDossierJson())
    expect(E.isRight(r) && encodeDossier(r.right)).toEqual(seedDossierJson())
  })
})

describe('deeply nested input', () => {
  const deepArray = (levels: number): string => '['.repeat(levels) + ']'.repeat(levels)
  const withDeep = (key: string, levels: number): string =>
    JSON.stringify(seedDossierJson()).replace(/\}$/, `,"${key}":${deepArray(levels)}}`)

  it('refuses 8 KB of nested arrays anywhere with a typed error, never a RangeError', () => {
    for (const text of [
      deepArray(4100),
      withDeep('siren', 4100),
      withDeep('extra', 4100),
      withDeep('version', 4100),
    ]) {
      const r = parseDossierJson(text)
      expect(r._tag).toBe('Left')
      expect(E.isLeft(r) && r.left.issues).toHaveLength(1)
      expect(E.isLeft(r) && r.left.issues[0]?.message).toMatch(
        /: expected at most 64 levels of nested arrays and objects, got more$/,
      )
    }
    const r = parseDossierJson(withDeep('siren', 4100))
    expect(E.isLeft(r) && r.left.issues[0]?.path).toBe(`siren${'[0]'.repeat(MAX_JSON_DEPTH - 1)}`)
  })

  it('accepts nesting up to the limit, in properties it then drops', () => {
    const json = { ...seedDossierJson(), extra: JSON.parse(deepArray(MAX_JSON_DEPTH - 1)) as unknown }
    expect(decodeDossier(json)._tag).toBe('Right')
    expect(decodeDossier({ ...json, extra: JSON.parse(deepArray(MAX_JSON_DEPTH)) as unknown })._tag).toBe(
      'Left',
    )
  })

  it('ends on a cycle and on deep objects, and checks a shared object once', () => {
    const cyclic: Record<string, unknown> = seedDossierJson()
    cyclic['self'] = cyclic
    expect(E.isLeft(decodeDossier(cyclic)) && decodeDossier(cyclic)).toMatchObject({
      left: { issues: [{ path: expect.stringMatching(/^self\.self\.self/) as string }] },
    })
    let deepObject: unknown = null
    for (let i = 0; i < 5000; i++) deepObject = { a: deepObject }
    expect(nestingDepthIssue(deepObject)?.path).toBe(Array.from({ length: 64 }, () => 'a').join('.'))
    // 40 levels, each holding the next twice: 2^40 paths, 40 objects.
    let shared: unknown = []
    for (let i = 0; i < 40; i++) shared = [shared, shared]
    expect(nestingDepthIssue(shared)).toBeNull()
    expect(nestingDepthIssue([[shared]], 41)?.path).toMatch(/^\[0\]\[0\]/)
  })

  it('prints an error for a deep value without overflowing', () => {
    const deep = JSON.parse(deepArray(5000)) as unknown
    const r = t.type({ a: t.string }).decode(deep)
    expect(E.isLeft(r) && readableErrors(r.left)[0]?.message).toBe(
      '(root): expected { a: string }, got [...]',
    )
  })

  it('turns a value whose getter throws into an issue', () => {
    const hostile = { ...seedDossierJson() }
    Object.defineProperty(hostile, 'code', {
      enumerable: true,
      get: () => {
        throw new Error('token=secret')
      },
    })
    const r = decodeDossier(hostile)
    expect(E.isLeft(r) && r.left.issues.map((i) => i.message)).toEqual(['(root): unreadable value (Error)'])
  })
})

describe('unknown properties', () => {
  it('are dropped at every level of a dossier', () => {
    const json = seedDossierJson()
    const extra = { legacyId: 'x-1', meta: { by: 'import' } }
    json['legacy'] = true
    for (const key of ['fiscalYears', 'contacts', 'bankAccounts', 'glAccounts', 'journals'])
      for (const item of json[key] as Record<string, unknown>[]) Object.assign(item, extra)
    const account = (json['bankAccounts'] as Record<string, unknown>[])[0] as Record<string, unknown>
    Object.assign(account['rib'] as object, extra)
    Object.assign(account['feed'] as object, extra)
    const r = decodeDossier(json)
    if (E.isLeft(r)) throw new Error(r.left.issues.map((i) => i.message).join('\n'))
    expect(E.right(r.right)).toEqual(decodeDossier(seedDossierJson()))
    expect(JSON.stringify(r.right)).not.toMatch(/legacy|meta/)
    expect(JSON.stringify(encodeDossier(r.right))).not.toMatch(/legacy|meta/)
  })
})

import { describe, expect, it } from 'vitest'
import { E } from '../fp.js'
import { seedDossierJson } from '../../test/seed.js'
import { decodeDossier, encodeDossier, parseDossierJson } from './dossier-v1.js'

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

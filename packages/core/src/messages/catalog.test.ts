import { describe, expect, it } from 'vitest'
import { textProblems } from '../../test/catalog-texts.js'
import { defineCatalog } from './catalog.js'
import type { CatalogItem, ParamsByTag } from './catalog.js'

interface ParamsByCode {
  readonly GAP: { readonly from: string; readonly to: string }
  readonly DETACHED: Record<string, never>
}

const catalog = defineCatalog<ParamsByCode, { readonly severity: 'error' | 'warning' }>({
  GAP: {
    severity: 'error',
    fr: (p) => `Relevés manquants du ${p.from} au ${p.to}.`,
    en: (p) => `Statements missing from ${p.from} to ${p.to}.`,
  },
  DETACHED: { severity: 'warning', fr: () => 'Compte détaché.', en: () => 'Account detached.' },
})

type Problem = { readonly _tag: 'Late'; readonly days: number } | { readonly _tag: 'Lost' }
const problems = defineCatalog<ParamsByTag<Problem>>({
  Late: { fr: (e) => `En retard de ${e.days} jours.`, en: (e) => `${e.days} days late.` },
  Lost: { fr: () => 'Perdu.', en: () => 'Lost.' },
})

describe('defineCatalog', () => {
  it('speaks French by default and English on request', () => {
    expect(catalog.message('GAP', { from: 'lundi', to: 'mardi' })).toBe(
      'Relevés manquants du lundi au mardi.',
    )
    expect(catalog.message('GAP', { from: 'Mon', to: 'Tue' }, 'en')).toBe(
      'Statements missing from Mon to Tue.',
    )
    expect(catalog.message('DETACHED', {}, 'fr')).toBe('Compte détaché.')
  })

  it('gives each entry with its metadata, and the codes in catalog order', () => {
    expect(catalog.entry('GAP').severity).toBe('error')
    expect(catalog.entries.DETACHED.severity).toBe('warning')
    expect(catalog.codes).toEqual(['GAP', 'DETACHED'])
  })

  it('renders items that carry their code and parameters, whatever the code', () => {
    const items: ReadonlyArray<CatalogItem<ParamsByCode>> = [
      { code: 'DETACHED', params: {} },
      { code: 'GAP', params: { from: 'a', to: 'b' } },
    ]
    expect(items.map((item) => catalog.messageOf(item, 'en'))).toEqual([
      'Account detached.',
      'Statements missing from a to b.',
    ])
  })

  it('gives tagged errors their texts, the error being its own parameters', () => {
    const errors: ReadonlyArray<Problem> = [{ _tag: 'Late', days: 3 }, { _tag: 'Lost' }]
    expect(errors.map((e) => problems.message(e._tag, e))).toEqual(['En retard de 3 jours.', 'Perdu.'])
  })

  it('finds texts that are empty or not translated', () => {
    const half = defineCatalog<ParamsByCode>({
      GAP: { fr: () => 'Trou.', en: () => '' },
      DETACHED: { fr: () => 'Détaché.', en: () => 'Détaché.' },
    })
    expect(textProblems(half, { GAP: [{ from: 'a', to: 'b' }], DETACHED: [{}] })).toEqual([
      'GAP#0: empty English text',
      'DETACHED#0: same text in French and English',
    ])
    expect(textProblems(catalog, { GAP: [{ from: 'a', to: 'b' }], DETACHED: [{}] })).toEqual([])
  })
})

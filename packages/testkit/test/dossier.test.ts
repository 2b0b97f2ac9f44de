import { fc, test } from '@fast-check/vitest'
import { describe, expect } from 'vitest'
import {
  checkDossier,
  checkPrerequisites,
  decodeDossier,
  encodeDossier,
  localDate,
  makeBic,
  makeIban,
} from '@bankfeed/core'
import { computeRibKey } from '@bankfeed/core/domain'
import {
  DOSSIER_DEFECTS,
  dossierArb,
  dossierWithDefectArb,
  frenchBicArb,
  frenchIbanArb,
  localDateArb,
  ribFieldsArb,
} from '../src/index.js'
import type { DossierDefectName } from '../src/index.js'

const todayArb = localDateArb({ min: localDate('2000-01-01'), max: localDate('2060-12-31') })

describe('bank identifier arbitraries', () => {
  test.prop([frenchIbanArb()])('make valid IBANs carrying their RIB', ({ rib, iban }) => {
    expect(makeIban(iban)._tag).toBe('Right')
    expect(iban.slice(4)).toBe(rib.bankCode + rib.branchCode + rib.accountNumber + rib.key)
  })

  test.prop([ribFieldsArb({ validKey: false })])('make wrong keys on request', (rib) => {
    expect(rib.key).not.toBe(computeRibKey(rib.bankCode, rib.branchCode, rib.accountNumber))
  })

  test.prop([frenchBicArb()])('make valid French BICs', (bic) => {
    expect(makeBic(bic)._tag).toBe('Right')
  })
})

describe('dossierArb', () => {
  test.prop([todayArb.chain((today) => fc.tuple(fc.constant(today), dossierArb({ today })))])(
    'a well-formed dossier passes every check',
    ([today, dossier]) => {
      const result = checkDossier(dossier, { today })
      expect(
        result.bankAccounts.flatMap((a) => a.findings.map((f) => `${a.bankAccountId}: ${f.code}`)),
      ).toEqual([])
      expect(result.ok).toBe(true)
    },
  )

  test.prop([todayArb.chain((today) => dossierArb({ today }))])(
    'round-trips through dossier JSON v1',
    (dossier) => {
      expect(decodeDossier(JSON.parse(JSON.stringify(encodeDossier(dossier))))).toEqual({
        _tag: 'Right',
        right: dossier,
      })
    },
  )
})

describe('targeted defects', () => {
  for (const name of Object.keys(DOSSIER_DEFECTS) as DossierDefectName[]) {
    test.prop([
      todayArb.chain((today) => fc.tuple(fc.constant(today), dossierWithDefectArb({ today, defect: name }))),
    ])(
      `${name} yields exactly ${DOSSIER_DEFECTS[name].codes.join(', ')}`,
      ([today, { dossier, bankAccountId, expectedCodes }]) => {
        expect(checkPrerequisites(dossier, bankAccountId, { today }).findings.map((f) => f.code)).toEqual(
          expectedCodes,
        )
      },
    )
  }
})

describe('checkPrerequisites on any decodable dossier', () => {
  // Shapes right, contents anything: what a careless import or a hand-edited file gives.
  const anyText = fc.oneof(fc.string(), fc.constantFrom('', ' ', '512', '47', 'FR76', 'EUR', 'ba1', 'c1'))
  const anyDate = localDateArb()
  const noisy = fc.record({
    version: fc.constant(1),
    code: anyText,
    name: anyText,
    siren: fc.option(anyText, { nil: null }),
    collaborative: fc.boolean(),
    fiscalYears: fc.array(fc.record({ start: anyDate, end: anyDate, closed: fc.boolean() }), {
      maxLength: 3,
    }),
    contacts: fc.array(
      fc.record({
        id: fc.constantFrom('c1', 'c2'),
        firstName: anyText,
        lastName: anyText,
        email: fc.option(anyText, { nil: null }),
        mobile: fc.option(anyText, { nil: null }),
        role: fc.option(anyText, { nil: null }),
        subscriberType: fc.constantFrom('client', 'collaborator', 'other'),
        consultationAccess: fc.boolean(),
      }),
      { maxLength: 2 },
    ),
    bankAccounts: fc.array(
      fc.record({
        id: fc.constantFrom('ba1', 'ba2'),
        name: anyText,
        holder: anyText,
        holderComplement: fc.option(anyText, { nil: null }),
        rib: fc.option(
          fc.oneof(
            ribFieldsArb(),
            fc.record({ bankCode: anyText, branchCode: anyText, accountNumber: anyText, key: anyText }),
          ),
          { nil: null },
        ),
        iban: fc.option(
          fc.oneof(
            anyText,
            frenchIbanArb().map((x) => x.iban),
          ),
          { nil: null },
        ),
        bic: fc.option(fc.oneof(anyText, frenchBicArb()), { nil: null }),
        currency: anyText,
        attachedContactId: fc.option(fc.constantFrom('c1', 'c2', 'c3'), { nil: null }),
        main: fc.boolean(),
        feed: fc.option(
          fc.record({
            protocol: fc.option(fc.constantFrom('bankin', 'dsp2', 'cfonb', 'sobank'), { nil: null }),
            startDate: fc.option(anyDate, { nil: null }),
            startDateLocked: fc.boolean(),
            frequency: fc.constantFrom('daily', 'weekly', 'monthly'),
            autoGenerateEntries: fc.boolean(),
          }),
          { nil: null },
        ),
      }),
      { maxLength: 2 },
    ),
    glAccounts: fc.array(
      fc.record({
        number: anyText,
        label: anyText,
        bankAccountId: fc.option(fc.constantFrom('ba1', 'ba2'), { nil: null }),
      }),
      { maxLength: 3 },
    ),
    journals: fc.array(
      fc.record({
        code: anyText,
        label: anyText,
        type: fc.constantFrom('bank', 'purchase', 'sale', 'general', 'opening'),
        counterpartAccount: fc.option(anyText, { nil: null }),
        counterpartMode: fc.option(fc.constantFrom('footer', 'perLine'), { nil: null }),
      }),
      { maxLength: 3 },
    ),
    waitingAccount: fc.option(anyText, { nil: null }),
  })

  test.prop([noisy, anyDate, fc.constantFrom('fr' as const, 'en' as const)])(
    'never throws, and is ok exactly when nothing blocks',
    (json, today, locale) => {
      const decoded = decodeDossier(json)
      expect(decoded._tag).toBe('Right')
      if (decoded._tag === 'Left') return
      for (const id of ['ba1', 'ba2', 'nope']) {
        const c = checkPrerequisites(decoded.right, id, { today, locale })
        expect(c.ok).toBe(c.findings.every((f) => f.severity !== 'blocking'))
        for (const f of c.findings) expect(f.message.length).toBeGreaterThan(0)
      }
    },
  )
})

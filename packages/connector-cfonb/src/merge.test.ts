import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { mergeConsecutiveStatements, parseCfonb120 } from './index.js'

const golden = (name: string): Buffer =>
  readFileSync(fileURLToPath(new URL(`../test/golden/${name}`, import.meta.url)))

describe('mergeConsecutiveStatements', () => {
  it('merges the chained daily blocks of one account, keeps other accounts apart', () => {
    const { statements } = parseCfonb120(golden('multi-account-days.cfonb'))
    const merged = mergeConsecutiveStatements(statements)
    expect(merged).toHaveLength(3)
    expect(merged[0]).toMatchObject({
      accountNumber: '00010512345',
      openingBalance: { date: '2026-03-02', amount: { value: '12500.37' } },
      closingBalance: { date: '2026-03-03', amount: { value: '11005.00' } },
      balanced: true,
      firstLine: 1,
      lastLine: 6,
    })
    expect(merged[0]?.movements.map((m) => m.amount.value)).toEqual(['-1480.37', '-15.00'])
    expect(merged.slice(1)).toEqual(statements.slice(2))
  })

  it('does not merge over a gap in the balances', () => {
    const text = golden('multi-account-days.cfonb')
      .toString('utf8')
      .replace(/^(01.{88})0000000110200\{/m, '$10000000110201{')
    const { statements } = parseCfonb120(text, { mode: 'lenient' })
    expect(statements[1]?.openingBalance.amount.value).toBe('11020.10')
    expect(mergeConsecutiveStatements(statements)).toHaveLength(4)
  })
})

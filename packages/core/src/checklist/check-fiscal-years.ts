import { fiscalYearsOverlap } from '../domain/fiscal-year.js'
import { raw } from './context.js'
import type { Check, RawFinding } from './context.js'

/** A fiscal year contains today, none ends before it starts, none overlaps another. */
export const checkFiscalYears: Check = (ctx) => {
  const years = ctx.dossier.fiscalYears
  const out: RawFinding[] = []
  years.forEach((y, i) => {
    if (y.start > y.end)
      out.push(raw('FISCAL_YEAR_INVALID', `fiscalYears[${i}]`, { start: y.start, end: y.end }))
  })
  if (!years.some((y) => y.start <= ctx.today && ctx.today <= y.end))
    out.push(raw('FISCAL_YEAR_MISSING', 'fiscalYears', { today: ctx.today }))
  for (let i = 0; i < years.length; i++)
    for (let j = i + 1; j < years.length; j++) {
      const a = years[i]
      const b = years[j]
      if (
        a !== undefined &&
        b !== undefined &&
        a.start <= a.end &&
        b.start <= b.end &&
        fiscalYearsOverlap(a, b)
      )
        out.push(
          raw('FISCAL_YEARS_OVERLAP', `fiscalYears[${j}]`, {
            first: { start: a.start, end: a.end },
            second: { start: b.start, end: b.end },
          }),
        )
    }
  return out
}

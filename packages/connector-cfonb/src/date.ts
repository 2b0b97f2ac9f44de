// Dates are DDMMYY. The century window is fixed by the spec of this package: YY 00–69 → 20YY,
// 70–99 → 19YY (the PHP `y` rule used by silarhi), so a file parses the same whatever today's date.

const ZERO = 48
const DAYS_IN_MONTH = [0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

/** Sentinel returned by {@link decodeDate} for a blank or `000000` date. */
export const BLANK_DATE = ''

const digitAt = (src: string, i: number): number => {
  const d = src.charCodeAt(i) - ZERO
  return d >= 0 && d <= 9 ? d : -1
}

/**
 * Decodes the DDMMYY date at `off` to ISO `YYYY-MM-DD`. Returns {@link BLANK_DATE} for six spaces or
 * `000000`, and `null` for anything else that is not a calendar date.
 */
export const decodeDate = (src: string, off: number): string | null => {
  const d0 = digitAt(src, off)
  const d1 = digitAt(src, off + 1)
  const m0 = digitAt(src, off + 2)
  const m1 = digitAt(src, off + 3)
  const y0 = digitAt(src, off + 4)
  const y1 = digitAt(src, off + 5)
  if ((d0 | d1 | m0 | m1 | y0 | y1) < 0) {
    return src.startsWith('      ', off) ? BLANK_DATE : null
  }
  const day = d0 * 10 + d1
  const month = m0 * 10 + m1
  const yy = y0 * 10 + y1
  if (day === 0 && month === 0 && yy === 0) return BLANK_DATE
  if (month < 1 || month > 12 || day < 1) return null
  const year = yy < 70 ? 2000 + yy : 1900 + yy
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)
  if (day > (month === 2 && !leap ? 28 : (DAYS_IN_MONTH[month] ?? 0))) return null
  // Built from character codes in one allocation: this runs twice per movement.
  return String.fromCharCode(
    yy < 70 ? 50 : 49,
    yy < 70 ? 48 : 57,
    y0 + ZERO,
    y1 + ZERO,
    45,
    m0 + ZERO,
    m1 + ZERO,
    45,
    d0 + ZERO,
    d1 + ZERO,
  )
}

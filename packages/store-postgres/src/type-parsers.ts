// One table of text-format parsers, handed to each query on both drivers (PGlite `parsers`, pg
// `types.getTypeParser`) so that rows read the same everywhere and nothing depends on pg's global,
// application-wide `setTypeParser`. Values of types missing here keep the driver's own parser.

/** Parses the text PostgreSQL sends for one value of a type. */
export type TextParser = (text: string) => unknown

const asString: TextParser = (text) => text
const asNumber: TextParser = (text) => Number(text)
const asBoolean: TextParser = (text) => text === 't'
const asJson: TextParser = (text) => JSON.parse(text) as unknown

// `2024-01-02 10:00:00.123456+01`, `…+05:30`, `…-03:30:15` (ISO DateStyle, which the clients set).
const TIMESTAMPTZ =
  /^(\d{4,})-(\d\d)-(\d\d)[ T](\d\d):(\d\d):(\d\d)(?:\.(\d{1,6}))?([+-])(\d\d)(?::?(\d\d))?(?::?(\d\d))?( BC)?$/

/** A `timestamptz` in ISO style as an exact `Date` (microseconds cut to milliseconds). */
export const parseTimestamptz: TextParser = (text) => {
  const m = TIMESTAMPTZ.exec(text)
  if (m === null) return new Date(text === 'infinity' || text === '-infinity' ? Number.NaN : text)
  const [, y, mo, d, h, mi, s, frac, sign, oh, om, os, bc] = m
  const date = new Date(0)
  date.setUTCFullYear(bc === undefined ? Number(y) : 1 - Number(y), Number(mo) - 1, Number(d))
  date.setUTCHours(
    Number(h),
    Number(mi),
    Number(s),
    frac === undefined ? 0 : Number(frac.padEnd(3, '0').slice(0, 3)),
  )
  const offsetSeconds = Number(oh) * 3600 + Number(om ?? 0) * 60 + Number(os ?? 0)
  date.setTime(date.getTime() - (sign === '-' ? -offsetSeconds : offsetSeconds) * 1000)
  return date
}

/**
 * Parses a PostgreSQL array literal (`{a,"b c",NULL,{1,2}}`) with `element` for each non-null
 * element. Only the comma delimiter (every type but `box`).
 */
export const parseArrayLiteral = (text: string, element: TextParser): unknown => {
  let i = 0
  // A dimension decoration such as `[0:1]={…}` comes before the braces.
  if (text.startsWith('[')) i = text.indexOf('=') + 1
  const parseLevel = (): unknown[] => {
    const out: unknown[] = []
    i++ // the opening brace
    if (text[i] === '}') {
      i++
      return out
    }
    for (;;) {
      if (text[i] === '{') out.push(parseLevel())
      else if (text[i] === '"') {
        let value = ''
        i++
        while (text[i] !== '"') {
          if (text[i] === '\\') i++
          value += text[i]
          i++
        }
        i++
        out.push(element(value))
      } else {
        let end = i
        while (text[end] !== ',' && text[end] !== '}') end++
        const raw = text.slice(i, end)
        out.push(raw === 'NULL' ? null : element(raw))
        i = end
      }
      if (text[i] === ',') i++
      else {
        i++ // the closing brace
        return out
      }
    }
  }
  return parseLevel()
}

const arrayOf =
  (element: TextParser): TextParser =>
  (text) =>
    parseArrayLiteral(text, element)

const SCALARS: Readonly<Record<number, readonly [TextParser, number]>> = {
  16: [asBoolean, 1000], // bool
  20: [asString, 1016], // int8: beyond 2^53 a JS number would round
  21: [asNumber, 1005], // int2
  23: [asNumber, 1007], // int4
  25: [asString, 1009], // text
  26: [asNumber, 1028], // oid
  114: [asJson, 199], // json
  700: [asNumber, 1021], // float4
  701: [asNumber, 1022], // float8
  1043: [asString, 1015], // varchar
  1082: [asString, 1182], // date: a calendar day, never a Date at some midnight
  1184: [parseTimestamptz, 1185], // timestamptz
  1700: [asString, 1231], // numeric: exact decimal text
  2950: [asString, 2951], // uuid
  3802: [asJson, 3807], // jsonb
}

/** Parsers by type OID, scalars and their arrays. */
export const TYPE_PARSERS: Readonly<Record<number, TextParser>> = Object.fromEntries(
  Object.entries(SCALARS).flatMap(([oid, [parse, arrayOid]]) => [
    [Number(oid), parse],
    [arrayOid, arrayOf(parse)],
  ]),
)

/**
 * What a JSON text is, read by the grammar of RFC 8259 alone: a whole document, the start of one cut
 * short (every character so far fits, the end is missing), or malformed (a character that no JSON
 * document can have there).
 */
export type JsonTextState = 'complete' | 'truncated' | 'malformed'

// Scanner results below zero: the text ran out, or broke the grammar.
const TRUNCATED = -1
const MALFORMED = -2

const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39
const isHex = (c: number): boolean => isDigit(c) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66)
const isSpace = (c: number): boolean => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d
const SIMPLE_ESCAPES = '"\\/bfnrt'

/** The index after the string opening at `i`, or a negative result. */
const scanString = (text: string, i: number): number => {
  const n = text.length
  let j = i + 1
  for (;;) {
    if (j >= n) return TRUNCATED
    const c = text.charCodeAt(j)
    if (c === 0x22) return j + 1
    if (c < 0x20) return MALFORMED
    if (c !== 0x5c) {
      j++
      continue
    }
    if (j + 1 >= n) return TRUNCATED
    const e = text[j + 1] as string
    if (SIMPLE_ESCAPES.includes(e)) j += 2
    else if (e === 'u') {
      for (let k = 0; k < 4; k++) {
        if (j + 2 + k >= n) return TRUNCATED
        if (!isHex(text.charCodeAt(j + 2 + k))) return MALFORMED
      }
      j += 6
    } else return MALFORMED
  }
}

/** The index after the number starting at `i`, or a negative result. */
const scanNumber = (text: string, i: number): number => {
  const n = text.length
  let j = i
  const digitsFrom = (at: number): number => {
    if (at >= n) return TRUNCATED
    if (!isDigit(text.charCodeAt(at))) return MALFORMED
    let k = at
    while (k < n && isDigit(text.charCodeAt(k))) k++
    return k
  }
  if (text.charCodeAt(j) === 0x2d) j++
  if (j >= n) return TRUNCATED
  // A leading zero stands alone: "01" ends the number after the 0, and the 1 then breaks the grammar.
  j = text.charCodeAt(j) === 0x30 ? j + 1 : digitsFrom(j)
  if (j < 0) return j
  if (j < n && text.charCodeAt(j) === 0x2e) {
    j = digitsFrom(j + 1)
    if (j < 0) return j
  }
  if (j < n && (text.charCodeAt(j) === 0x65 || text.charCodeAt(j) === 0x45)) {
    j++
    if (j < n && (text.charCodeAt(j) === 0x2b || text.charCodeAt(j) === 0x2d)) j++
    j = digitsFrom(j)
  }
  return j
}

/** The index after `true`, `false` or `null` at `i`, or a negative result. */
const scanLiteral = (text: string, i: number): number => {
  const literal = ['true', 'false', 'null'].find((l) => l[0] === text[i])
  if (literal === undefined) return MALFORMED
  for (let k = 0; k < literal.length; k++) {
    if (i + k >= text.length) return TRUNCATED
    if (text[i + k] !== literal[k]) return MALFORMED
  }
  return i + literal.length
}

type Want = 'value' | 'valueOrClose' | 'key' | 'keyOrClose' | 'colon' | 'commaOrClose' | 'end'

/**
 * Reads `text` by the JSON grammar, without building anything and without recursion (any depth is
 * fine). It tells a body cut off in transit (`truncated`: a connection reset mid-body, or a body that
 * ended early without the transport noticing) from a body that is not JSON at all (`malformed`), which
 * `JSON.parse` reports alike. An empty text is `truncated`: the start of any document.
 */
export const jsonTextState = (text: string): JsonTextState => {
  const stack: Array<'{' | '['> = []
  let want = 'value' as Want
  // After a value: the document ends, or its container goes on.
  const afterValue = (): Want => (stack.length === 0 ? 'end' : 'commaOrClose')
  const n = text.length
  let i = 0
  while (i < n) {
    const c = text.charCodeAt(i)
    if (isSpace(c)) {
      i++
      continue
    }
    switch (want) {
      case 'end':
        return 'malformed'
      case 'colon':
        if (c !== 0x3a) return 'malformed'
        i++
        want = 'value'
        break
      case 'commaOrClose': {
        const top = stack[stack.length - 1]
        if (c === 0x2c) {
          i++
          want = top === '{' ? 'key' : 'value'
        } else if ((c === 0x7d && top === '{') || (c === 0x5d && top === '[')) {
          stack.pop()
          i++
          want = afterValue()
        } else return 'malformed'
        break
      }
      case 'key':
      case 'keyOrClose': {
        if (c === 0x7d && want === 'keyOrClose') {
          stack.pop()
          i++
          want = afterValue()
          break
        }
        if (c !== 0x22) return 'malformed'
        const end = scanString(text, i)
        if (end < 0) return end === TRUNCATED ? 'truncated' : 'malformed'
        i = end
        want = 'colon'
        break
      }
      case 'value':
      case 'valueOrClose': {
        if (c === 0x5d && want === 'valueOrClose') {
          stack.pop()
          i++
          want = afterValue()
          break
        }
        if (c === 0x7b || c === 0x5b) {
          stack.push(c === 0x7b ? '{' : '[')
          i++
          want = c === 0x7b ? 'keyOrClose' : 'valueOrClose'
          break
        }
        const end =
          c === 0x22
            ? scanString(text, i)
            : c === 0x2d || isDigit(c)
              ? scanNumber(text, i)
              : scanLiteral(text, i)
        if (end < 0) return end === TRUNCATED ? 'truncated' : 'malformed'
        i = end
        want = afterValue()
        break
      }
    }
  }
  return want === 'end' ? 'complete' : 'truncated'
}

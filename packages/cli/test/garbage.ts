/**
 * Deterministic garbage for lenient parses: lines that look like CFONB records of every kind with
 * random contents, short and long lines, blank lines and invalid UTF-8, about `bytes` long. The
 * same seed gives the same bytes, so a failure can be replayed.
 */
export const garbageCfonb = (bytes: number, seed = 1): Uint8Array => {
  let state = seed >>> 0 || 1
  // xorshift32: fast, and enough to spread the line kinds.
  const next = (): number => {
    state ^= state << 13
    state ^= state >>> 17
    state ^= state << 5
    return (state >>> 0) / 0x1_0000_0000
  }
  const pick = (n: number): number => Math.floor(next() * n)
  const printable = (length: number): string =>
    Array.from({ length }, () => String.fromCharCode(0x20 + pick(95))).join('')
  const out = new Uint8Array(bytes + 256)
  let at = 0
  const put = (text: string): void => {
    for (let i = 0; i < text.length; i++) out[at++] = text.charCodeAt(i)
  }
  while (at < bytes) {
    const kind = pick(10)
    if (kind < 4) put(['01', '04', '05', '07'][pick(4)] + printable(118))
    else if (kind < 6) put(printable(120))
    else if (kind === 6) put(printable(1 + pick(119)))
    else if (kind === 7) put(printable(121 + pick(60)))
    else if (kind === 8) put('')
    else {
      put(`04${printable(60)}`)
      out[at++] = 0x80 + pick(0x80) // a byte that is not UTF-8 here
      put(printable(57))
    }
    put(['\n', '\r\n', '\r'][pick(3)] ?? '\n')
  }
  return out.subarray(0, at)
}

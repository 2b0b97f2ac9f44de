/**
 * A 128-bit hash of a text, as 32 hex digits: four independent 32-bit lanes (multiply-xorshift, as in
 * MurmurHash3's finaliser), so that ids made from it are short and collisions negligible for the
 * statements of one account. Not a cryptographic hash: nothing secret goes through it, and nobody
 * gains from forging a statement's id, since a forged id only makes a statement look new.
 */
export const contentHash = (text: string): string => {
  let h1 = 0x9e3779b1 | 0
  let h2 = 0x85ebca77 | 0
  let h3 = 0xc2b2ae3d | 0
  let h4 = 0x27d4eb2f | 0
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    h1 = Math.imul(h1 ^ c, 0x01000193)
    h2 = Math.imul(h2 ^ c, 0x5bd1e995)
    h3 = Math.imul(h3 ^ c, 0x1b873593)
    h4 = Math.imul(h4 ^ c, 0xcc9e2d51)
    h2 ^= h2 >>> 15
    h3 ^= h3 >>> 13
    h4 ^= h4 >>> 16
  }
  const length = text.length
  const finish = (h: number, seed: number): string => {
    let x = h ^ length ^ seed
    x = Math.imul(x ^ (x >>> 16), 0x85ebca6b)
    x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35)
    x ^= x >>> 16
    return (x >>> 0).toString(16).padStart(8, '0')
  }
  return finish(h1, h4) + finish(h2, h1) + finish(h3, h2) + finish(h4, h3)
}

/**
 * Remainder modulo 97 of a decimal digit string of any length, folded digit by digit so that a
 * 23-digit RIB or a 30-digit IBAN never leaves exact integer arithmetic.
 */
export const mod97 = (digits: string): number => {
  let r = 0
  for (let i = 0; i < digits.length; i++) r = (r * 10 + (digits.charCodeAt(i) - 48)) % 97
  return r
}

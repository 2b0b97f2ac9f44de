/**
 * ISO 3166 codes of France, Monaco and the French overseas territories that have their own code.
 * Their IBANs carry a French RIB as BBAN, and their banks often have a French BIC.
 */
export const FRENCH_ZONE: ReadonlySet<string> = new Set([
  'FR',
  'MC',
  'GF',
  'GP',
  'MQ',
  'RE',
  'YT',
  'PM',
  'BL',
  'MF',
  'NC',
  'PF',
  'WF',
  'TF',
])

/**
 * @bankfeed/testkit — fast-check arbitraries of French banking data for property tests of bankfeed
 * and of the applications built on it.
 */
export { frenchBicArb, frenchIbanArb, ibanOfRib, ribFieldsArb } from './bank-identifiers.js'
export { localDateArb } from './dates.js'
export { currencyArb, euroArb, moneyArb } from './money.js'
export { dossierArb } from './dossier.js'
export type { DossierArbOptions } from './dossier.js'
export { DOSSIER_DEFECTS, dossierWithDefectArb } from './dossier-defects.js'
export type { DefectiveDossier, DossierDefect, DossierDefectName } from './dossier-defects.js'

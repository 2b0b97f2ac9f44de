import type { Catalog } from '../src/messages/catalog.js'

/** Parameters to render each code of a catalog with: one or more, covering the texts' branches. */
export type CatalogSamples<ParamsByCode> = {
  readonly [K in keyof ParamsByCode]: readonly [ParamsByCode[K], ...ParamsByCode[K][]]
}

/**
 * What is wrong with a catalog's texts, rendered with `samples` (whose type asks for every code): a
 * French or English text that is empty, or French and English that are the same text (one of them
 * forgotten). An empty list means every code speaks both languages.
 */
export const textProblems = <ParamsByCode extends object, Meta extends object>(
  catalog: Catalog<ParamsByCode, Meta>,
  samples: CatalogSamples<ParamsByCode>,
): string[] => {
  const problemsOf = <K extends keyof ParamsByCode & string>(code: K): string[] =>
    samples[code].flatMap((params, i) => {
      const fr = catalog.message(code, params, 'fr')
      const en = catalog.message(code, params, 'en')
      return [
        ...(fr.trim() === '' ? [`${code}#${i}: empty French text`] : []),
        ...(en.trim() === '' ? [`${code}#${i}: empty English text`] : []),
        ...(fr === en ? [`${code}#${i}: same text in French and English`] : []),
      ]
    })
  return catalog.codes.flatMap(problemsOf)
}

/**
 * The one way core talks to people: a catalog of stable codes, each with its structured parameters,
 * optional metadata (a severity, a scope) and a French and an English text. Every message of core —
 * checklist findings, the feed error report, life-cycle and FEC errors, FEC checker issues — is
 * defined with {@link defineCatalog}, so they all read the same way and none needs a cast.
 */

/** The language of messages for people: French (the users' language) by default, or English. */
export type Locale = 'fr' | 'en'

/** The two texts of a code: French is what users read, English is for integrators' logs and support. */
export interface CatalogTexts<Params> {
  readonly fr: (params: Params) => string
  readonly en: (params: Params) => string
}

/** One code's entry: its metadata (`Meta`, e.g. `{ severity }`) and its texts. */
export type CatalogEntry<Params, Meta extends object = Record<never, never>> = Meta & CatalogTexts<Params>

/** Every code's entry, the type a new code without an entry (or with wrong parameters) fails. */
export type CatalogEntries<ParamsByCode, Meta extends object = Record<never, never>> = {
  readonly [K in keyof ParamsByCode]: CatalogEntry<ParamsByCode[K], Meta>
}

/**
 * A code with its parameters, correlated: for a union of codes `K` it is the union of
 * `{ code: k; params: ParamsByCode[k] }`, so a code never travels with another code's parameters.
 */
export type CatalogItem<ParamsByCode, K extends keyof ParamsByCode = keyof ParamsByCode> = {
  readonly [k in K]: { readonly code: k; readonly params: ParamsByCode[k] }
}[K]

/**
 * The parameters of a union of tagged errors, by `_tag`: each error is its own parameters. Use it to
 * give every error kind of a union a text: `defineCatalog<ParamsByTag<LifecycleError>>({ … })`.
 */
export type ParamsByTag<Error extends { readonly _tag: string }> = {
  readonly [T in Error['_tag']]: Extract<Error, { readonly _tag: T }>
}

/** A catalog made by {@link defineCatalog}. */
export interface Catalog<ParamsByCode, Meta extends object = Record<never, never>> {
  /** Every code, in the order the catalog lists them. */
  readonly codes: ReadonlyArray<keyof ParamsByCode & string>
  /** Every code's entry (metadata and texts), for software that shows its own texts. */
  readonly entries: CatalogEntries<ParamsByCode, Meta>
  /** The entry of one code. */
  readonly entry: <K extends keyof ParamsByCode>(code: K) => CatalogEntry<ParamsByCode[K], Meta>
  /** The text of a code with its parameters, in French unless told otherwise. */
  readonly message: <K extends keyof ParamsByCode>(
    code: K,
    params: ParamsByCode[K],
    locale?: Locale,
  ) => string
  /** The text of an item carrying its `code` and `params` (a finding, a report line), French by default. */
  readonly messageOf: <K extends keyof ParamsByCode>(
    item: CatalogItem<ParamsByCode, K>,
    locale?: Locale,
  ) => string
}

/**
 * Defines a message catalog from the parameters of each code (`ParamsByCode`, an interface whose keys
 * are the codes) and, optionally, the metadata every entry carries (`Meta`). The entries' type makes
 * a missing code, a missing text or a text reading a parameter its code lacks a compile error; the
 * lookups are generic in the code, so no caller casts.
 *
 * @example
 * ```ts
 * interface ParamsByCode {
 *   readonly GAP: { readonly from: string; readonly to: string }
 *   readonly DETACHED: Record<string, never>
 * }
 * const catalog = defineCatalog<ParamsByCode, { readonly severity: 'error' | 'warning' }>({
 *   GAP: {
 *     severity: 'error',
 *     fr: (p) => `Relevés manquants du ${p.from} au ${p.to}.`,
 *     en: (p) => `Statements missing from ${p.from} to ${p.to}.`,
 *   },
 *   DETACHED: { severity: 'warning', fr: () => 'Compte détaché.', en: () => 'Account detached.' },
 * })
 * catalog.message('GAP', { from: '2026-03-01', to: '2026-03-05' }) // 'Relevés manquants du 2026-03-01 au 2026-03-05.'
 * catalog.message('DETACHED', {}, 'en') // 'Account detached.'
 * catalog.entry('GAP').severity // 'error'
 * ```
 */
export const defineCatalog = <ParamsByCode extends object, Meta extends object = Record<never, never>>(
  entries: CatalogEntries<ParamsByCode, Meta>,
): Catalog<ParamsByCode, Meta> => {
  const entry = <K extends keyof ParamsByCode>(code: K): CatalogEntry<ParamsByCode[K], Meta> => entries[code]
  const message = <K extends keyof ParamsByCode>(
    code: K,
    params: ParamsByCode[K],
    locale: Locale = 'fr',
  ): string => entry(code)[locale](params)
  return {
    codes: Object.keys(entries).filter((k): k is keyof ParamsByCode & string => k in entries),
    entries,
    entry,
    message,
    messageOf: (item, locale = 'fr') => message(item.code, item.params, locale),
  }
}
